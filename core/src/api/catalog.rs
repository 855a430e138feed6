//! Looking operations up in the generated table. Kept apart from
//! `operation` (the table's types), so the generated `table` and the types
//! it is made of do not import each other.

use super::operation::Operation;
use super::table::OPERATIONS;

impl Operation {
    /// Looks an operation up by name.
    ///
    /// ```
    /// use spotdraft_kit::api::{Method, Operation};
    /// let void = Operation::find("contracts_status_void_create").unwrap();
    /// assert_eq!(void.method, Method::Post);
    /// assert_eq!(void.path, "/api/v2.1/public/contracts/{composite_id}/status/void");
    /// assert_eq!(void.success, 204);
    /// assert!(Operation::find("contracts_void").is_none());
    /// ```
    pub fn find(name: &str) -> Option<&'static Operation> {
        OPERATIONS
            .binary_search_by(|op| op.name.cmp(name))
            .ok()
            .map(|i| &OPERATIONS[i])
    }

    /// Every operation, sorted by name.
    ///
    /// ```
    /// let all = spotdraft_kit::api::Operation::all();
    /// assert!(all.iter().filter(|op| op.path.starts_with("/api/v2.1/public/")).count() >= 102);
    /// ```
    pub fn all() -> &'static [Operation] {
        OPERATIONS
    }
}
