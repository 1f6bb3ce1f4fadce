//! The methods request builders share: [`RequestBuilder`] (headers, the options themselves)
//! and one trait per OData system query option (`$select`, `$filter`, `$top`, ...).
//!
//! A generated builder implements [`RequestBuilder`] with one method, and each query option
//! trait its operation documents with an empty `impl`: the methods are written and
//! type-checked once, here, rather than once per operation of the generated crate (for the
//! Graph reference, thousands of copies of the same few bodies, a good part of its compile
//! time). An operation that documents no `$top` has no `top` method, as before; bring the
//! traits into scope with `use graph_runtime::query::*` (or the generated crate's `prelude`).
//!
//! ```
//! use graph_runtime::query::{Select, Top};
//! use graph_runtime::{RequestBuilder, RequestOptions};
//!
//! #[derive(Default)]
//! struct ListShelves { options: RequestOptions }
//! impl RequestBuilder for ListShelves {
//!     fn options_mut(&mut self) -> &mut RequestOptions { &mut self.options }
//! }
//! impl Select for ListShelves {}
//! impl Top for ListShelves {}
//!
//! let list = ListShelves::default().select(["id", "label"]).top(5).header("x-trace", "1");
//! assert_eq!(list.options.query.select, ["id", "label"]);
//! assert_eq!(list.options.query.top, Some(5));
//! assert_eq!(list.options.headers, [("x-trace".to_string(), "1".to_string())]);
//! ```

use crate::request::RequestOptions;

/// A request builder: its [`RequestOptions`] (query options, headers, `Prefer`,
/// `ConsistencyLevel`) and the methods every builder has.
pub trait RequestBuilder: Sized {
    /// The query options and headers, to change any of them.
    fn options_mut(&mut self) -> &mut RequestOptions;

    /// Adds a request header (checked when the request is built).
    fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options_mut().headers.push((name.into(), value.into()));
        self
    }
}

/// One trait per OData system query option; a builder implements those its operation
/// documents.
pub mod query {
    use super::RequestBuilder;

    /// `$select`: the properties to return.
    pub trait Select: RequestBuilder {
        /// Sets `$select`: the properties to return.
        fn select<I: IntoIterator<Item = S>, S: Into<String>>(mut self, items: I) -> Self {
            self.options_mut().query.select = items.into_iter().map(Into::into).collect();
            self
        }
    }

    /// `$expand`: the relationships to expand.
    pub trait Expand: RequestBuilder {
        /// Sets `$expand`: the relationships to expand.
        fn expand<I: IntoIterator<Item = S>, S: Into<String>>(mut self, items: I) -> Self {
            self.options_mut().query.expand = items.into_iter().map(Into::into).collect();
            self
        }
    }

    /// `$orderby`: the sort order.
    pub trait OrderBy: RequestBuilder {
        /// Sets `$orderby`: the sort order, one expression per item.
        fn orderby<I: IntoIterator<Item = S>, S: Into<String>>(mut self, items: I) -> Self {
            self.options_mut().query.orderby = items.into_iter().map(Into::into).collect();
            self
        }
    }

    /// `$filter`: a filter expression.
    pub trait Filter: RequestBuilder {
        /// Sets `$filter`: a filter expression.
        fn filter(mut self, value: impl Into<String>) -> Self {
            self.options_mut().query.filter = Some(value.into());
            self
        }
    }

    /// `$search`: a search expression.
    pub trait Search: RequestBuilder {
        /// Sets `$search`: a search expression.
        fn search(mut self, value: impl Into<String>) -> Self {
            self.options_mut().query.search = Some(value.into());
            self
        }
    }

    /// `$top`: the page size.
    pub trait Top: RequestBuilder {
        /// Sets `$top`: the page size.
        fn top(mut self, value: u32) -> Self {
            self.options_mut().query.top = Some(value);
            self
        }
    }

    /// `$skip`: how many items to skip.
    pub trait Skip: RequestBuilder {
        /// Sets `$skip`: how many items to skip.
        fn skip(mut self, value: u32) -> Self {
            self.options_mut().query.skip = Some(value);
            self
        }
    }

    /// `$count`: whether to return the total count.
    pub trait Count: RequestBuilder {
        /// Sets `$count`: whether to return the total count.
        fn count(mut self, value: bool) -> Self {
            self.options_mut().query.count = Some(value);
            self
        }
    }
}
