//! Support types of the generated crate: EDM primitives that keep their wire form, flags
//! sets, OData collections, the Graph error, query options and the sans-IO request and
//! response helpers every endpoint uses.

pub mod enums;
pub mod odata;
pub mod primitives;
pub mod request;
pub mod response;

pub use enums::*;
pub use odata::*;
pub use primitives::*;
pub use request::*;
pub use response::*;
