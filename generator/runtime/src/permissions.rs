//! Permissions as data: each endpoint's documented permissions per scheme, least
//! privileged first, and the least-privileged set of scopes a set of endpoints needs.

use std::collections::BTreeSet;

/// The permission schemes of the Microsoft identity platform.
///
/// ```
/// assert_eq!(graph_runtime::Scheme::ALL.len(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only).
    Application,
}

impl Scheme {
    /// Every scheme, in the docs' order.
    ///
    /// ```
    /// assert_eq!(graph_runtime::Scheme::ALL[2], graph_runtime::Scheme::Application);
    /// ```
    pub const ALL: [Scheme; 3] = [Scheme::DelegatedWork, Scheme::DelegatedPersonal, Scheme::Application];
}

/// The documented permissions of one endpoint: per scheme, least privileged first; an
/// empty list means the scheme is not supported.
///
/// ```
/// use graph_runtime::{Permissions, Scheme};
/// const P: Permissions = Permissions { delegated_work: &["User.Read", "User.ReadWrite"], delegated_personal: &[], application: &[] };
/// assert_eq!(P.least_privileged(Scheme::DelegatedWork), Some("User.Read"));
/// assert!(!P.supports(Scheme::Application));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: &'static [&'static str],
    /// Delegated (personal Microsoft account).
    pub delegated_personal: &'static [&'static str],
    /// Application.
    pub application: &'static [&'static str],
}

impl Permissions {
    /// No documented permission.
    ///
    /// ```
    /// assert!(!graph_runtime::Permissions::NONE.supports(graph_runtime::Scheme::DelegatedWork));
    /// ```
    pub const NONE: Permissions = Permissions { delegated_work: &[], delegated_personal: &[], application: &[] };

    /// The permissions of one scheme, least privileged first.
    ///
    /// ```
    /// use graph_runtime::{Permissions, Scheme};
    /// let p = Permissions { application: &["Mail.Read"], ..Permissions::NONE };
    /// assert_eq!(p.of(Scheme::Application), &["Mail.Read"]);
    /// ```
    pub const fn of(&self, scheme: Scheme) -> &'static [&'static str] {
        match scheme {
            Scheme::DelegatedWork => self.delegated_work,
            Scheme::DelegatedPersonal => self.delegated_personal,
            Scheme::Application => self.application,
        }
    }

    /// True when the scheme lists a permission.
    ///
    /// ```
    /// let p = graph_runtime::Permissions { delegated_personal: &["User.Read"], ..graph_runtime::Permissions::NONE };
    /// assert!(p.supports(graph_runtime::Scheme::DelegatedPersonal));
    /// ```
    pub fn supports(&self, scheme: Scheme) -> bool {
        !self.of(scheme).is_empty()
    }

    /// The least privileged permission of the scheme.
    ///
    /// ```
    /// assert_eq!(graph_runtime::Permissions::NONE.least_privileged(graph_runtime::Scheme::Application), None);
    /// ```
    pub fn least_privileged(&self, scheme: Scheme) -> Option<&'static str> {
        self.of(scheme).first().copied()
    }
}

/// The scopes a set of endpoints needs under one scheme.
///
/// ```
/// use graph_runtime::{least_privileged_scopes, Permissions, Scheme};
/// let list = Permissions { delegated_work: &["User.ReadBasic.All", "User.Read.All"], ..Permissions::NONE };
/// let update = Permissions { delegated_work: &["User.ReadWrite.All"], ..Permissions::NONE };
/// let plan = least_privileged_scopes(Scheme::DelegatedWork, &[list, update]);
/// assert_eq!(plan.scopes, vec!["User.ReadWrite.All", "User.ReadBasic.All"]);
/// assert!(plan.unsupported.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScopePlan {
    /// The scopes to ask for: for each endpoint one of its permissions, as few and as little
    /// privileged as the endpoints allow.
    pub scopes: Vec<&'static str>,
    /// Indices (into the input) of the endpoints the scheme does not support at all.
    pub unsupported: Vec<usize>,
}

/// The least-privileged scopes that let every endpoint of `endpoints` be called under
/// `scheme`. Endpoints with the fewest choices are served first, each by its least
/// privileged permission unless a scope already chosen is one of its permissions; scopes
/// no endpoint needs any more are then dropped. The result is in the order chosen.
///
/// ```
/// use graph_runtime::{least_privileged_scopes, Permissions, Scheme};
/// let read = Permissions { application: &["Group.Read.All", "Group.ReadWrite.All"], ..Permissions::NONE };
/// let me = Permissions { delegated_work: &["User.Read"], ..Permissions::NONE };
/// let plan = least_privileged_scopes(Scheme::Application, &[read, me]);
/// assert_eq!(plan.scopes, vec!["Group.Read.All"]);
/// assert_eq!(plan.unsupported, vec![1]);
/// ```
pub fn least_privileged_scopes(scheme: Scheme, endpoints: &[Permissions]) -> ScopePlan {
    let mut plan = ScopePlan::default();
    let mut order: Vec<usize> = Vec::new();
    for (i, p) in endpoints.iter().enumerate() {
        if p.supports(scheme) {
            order.push(i);
        } else {
            plan.unsupported.push(i);
        }
    }
    order.sort_by_key(|&i| endpoints[i].of(scheme).len());
    let mut chosen: Vec<&'static str> = Vec::new();
    for &i in &order {
        let options = endpoints[i].of(scheme);
        if options.iter().any(|o| chosen.contains(o)) {
            continue;
        }
        if let Some(first) = options.first() {
            chosen.push(first);
        }
    }
    // Drop a scope when every endpoint is still served without it (most recently chosen,
    // so the least constrained, first).
    let mut i = chosen.len();
    while i > 0 {
        i -= 1;
        let without: BTreeSet<&str> = chosen.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| *s).collect();
        if order.iter().all(|&e| endpoints[e].of(scheme).iter().any(|o| without.contains(o))) {
            chosen.remove(i);
        }
    }
    plan.scopes = chosen;
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn work(p: &'static [&'static str]) -> Permissions {
        Permissions { delegated_work: p, delegated_personal: &[], application: &[] }
    }

    #[test]
    fn one_scope_that_serves_both_wins_over_two() {
        let plan = least_privileged_scopes(
            Scheme::DelegatedWork,
            &[work(&["A.Read", "A.ReadWrite"]), work(&["A.ReadWrite"]), work(&["B.Read", "B.ReadWrite"])],
        );
        assert_eq!(plan.scopes, vec!["A.ReadWrite", "B.Read"]);
    }

    #[test]
    fn least_privileged_per_endpoint_when_nothing_overlaps() {
        let plan = least_privileged_scopes(Scheme::DelegatedWork, &[work(&["A.Read", "A.All"]), work(&["B.Read"])]);
        assert_eq!(plan.scopes, vec!["B.Read", "A.Read"]);
        assert_eq!(least_privileged_scopes(Scheme::DelegatedWork, &[]), ScopePlan::default());
    }

    #[test]
    fn redundant_scopes_are_dropped() {
        // X needs one of [P, Q]; Y needs [Q]; Z needs [P]: P and Q are both required.
        let plan = least_privileged_scopes(Scheme::DelegatedWork, &[work(&["P", "Q"]), work(&["Q"]), work(&["P"])]);
        assert_eq!(plan.scopes, vec!["Q", "P"]);
        // Same list twice: one scope.
        let plan = least_privileged_scopes(Scheme::DelegatedWork, &[work(&["R", "S"]), work(&["R", "S"])]);
        assert_eq!(plan.scopes, vec!["R"]);
    }
}
