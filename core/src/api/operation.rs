//! The types of the operation table ([`OPERATIONS`]): what SpotDraft's
//! schema says about each operation, and lookup by name.

use super::request::Method;

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    /// A `{name}` segment of the path template.
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
}

/// A parameter's or filter's JSON type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list (query parameters repeat, `name=a&name=b`).
    Array,
}

/// A filter operator, sent as `filter__field[$op]=value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FilterOp {
    /// `$eq` (also a bare `filter__field=value`).
    Eq,
    /// `$ne`
    Ne,
    /// `$in`: a comma-separated list, `\,` escaping a comma in a value.
    In,
    /// `$gt`
    Gt,
    /// `$gte`
    Gte,
    /// `$lt`
    Lt,
    /// `$lte`
    Lte,
}

impl FilterOp {
    /// The operator as SpotDraft spells it.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::api::FilterOp::Gte.as_str(), "$gte");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            FilterOp::Eq => "$eq",
            FilterOp::Ne => "$ne",
            FilterOp::In => "$in",
            FilterOp::Gt => "$gt",
            FilterOp::Gte => "$gte",
            FilterOp::Lt => "$lt",
            FilterOp::Lte => "$lte",
        }
    }

    /// Parses `$gte` (or `gte`).
    ///
    /// ```
    /// use spotdraft_kit::api::FilterOp;
    /// assert_eq!(FilterOp::parse("gte"), Some(FilterOp::Gte));
    /// assert_eq!(FilterOp::parse("$like"), None);
    /// ```
    pub fn parse(text: &str) -> Option<FilterOp> {
        let text = text.strip_prefix('$').unwrap_or(text);
        [
            FilterOp::Eq,
            FilterOp::Ne,
            FilterOp::In,
            FilterOp::Gt,
            FilterOp::Gte,
            FilterOp::Lt,
            FilterOp::Lte,
        ]
        .into_iter()
        .find(|op| &op.as_str()[1..] == text)
    }
}

/// One way an operation accepts to be authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMode {
    /// `client-id` + `client-secret` (optionally `user-email`).
    Client,
    /// `Authorization: Bearer <OAuth JWT>`.
    OAuth,
    /// The clickthrough headers (`clickwrap-id`, `Origin`), passed as
    /// parameters.
    Clickwrap,
    /// HTTP Basic for native integrations.
    Basic,
    /// No credentials.
    Anonymous,
}

/// What a successful answer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// A JSON object.
    Object,
    /// A bare JSON array.
    Array,
    /// A page: `{page, limit, total_results, results: [...]}`.
    Page,
    /// No body (204).
    Empty,
}

/// A path, query or header parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The name, as sent.
    pub name: &'static str,
    /// Where it goes.
    pub location: ParamIn,
    /// Its type.
    pub kind: ValueType,
    /// The item type of an array.
    pub items: Option<ValueType>,
    /// A format (`date-time`, `uuid`...), if the schema gives one.
    pub format: Option<&'static str>,
    /// A pattern the value must match (`^[0-9]+$`).
    pub pattern: Option<&'static str>,
    /// The allowed values, when the schema lists them.
    pub enumeration: &'static [&'static str],
    /// Whether the operation needs it.
    pub required: bool,
}

/// A list filter: `filter__<field>` with the operators the field allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    /// The field name (after `filter__`).
    pub field: &'static str,
    /// The value type.
    pub kind: ValueType,
    /// A format (`date-time`: ISO-8601), if any.
    pub format: Option<&'static str>,
    /// The allowed values, when the schema lists them.
    pub enumeration: &'static [&'static str],
    /// The allowed operators.
    pub ops: &'static [FilterOp],
}

/// One SpotDraft operation, as its OpenAPI schema describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The stable name (SpotDraft's operationId without its family
    /// prefix), e.g. `contracts_status_void_create`.
    pub name: &'static str,
    /// The method.
    pub method: Method,
    /// The path template, verbatim (trailing slash exactly as SpotDraft
    /// serves it), e.g. `/api/v2.1/public/webhooks/{webhook_id}`.
    pub path: &'static str,
    /// SpotDraft's one-line summary.
    pub summary: &'static str,
    /// The auth modes the operation accepts.
    pub auth: &'static [AuthMode],
    /// Path, query and header parameters.
    pub params: &'static [Param],
    /// List filters.
    pub filters: &'static [Filter],
    /// The prefix of custom-field filters (`filter_custom__`), if any.
    pub custom_filter_prefix: Option<&'static str>,
    /// The request body's JSON schema (refs resolved), if it takes one.
    pub body_schema: Option<&'static str>,
    /// Whether a body must be sent.
    pub body_required: bool,
    /// The success status.
    pub success: u16,
    /// What a successful answer holds.
    pub response: ResponseKind,
}

impl Operation {
    /// A parameter by name.
    ///
    /// ```
    /// let list = spotdraft_kit::api::Operation::find("contracts_retrieve").unwrap();
    /// assert!(list.param("page").is_some());
    /// ```
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// A filter by field name.
    ///
    /// ```
    /// use spotdraft_kit::api::{FilterOp, Operation};
    /// let list = Operation::find("contracts_retrieve").unwrap();
    /// assert!(list.filter("last_updated_on").unwrap().ops.contains(&FilterOp::Gte));
    /// ```
    pub fn filter(&self, field: &str) -> Option<&'static Filter> {
        self.filters.iter().find(|f| f.field == field)
    }

    /// Whether the operation takes `page` (so it can be paginated).
    ///
    /// ```
    /// use spotdraft_kit::api::Operation;
    /// assert!(Operation::find("contracts_retrieve").unwrap().is_paginated());
    /// assert!(!Operation::find("templates_list").unwrap().is_paginated());
    /// ```
    pub fn is_paginated(&self) -> bool {
        self.response == ResponseKind::Page && self.param("page").is_some()
    }

    /// Whether a call must give parameters: a required path, query or
    /// header parameter, or a required body. The bindings' per-operation
    /// methods take `params` as optional exactly when this is false.
    ///
    /// ```
    /// use spotdraft_kit::api::Operation;
    /// assert!(Operation::find("contracts_status_void_create").unwrap().needs_params());
    /// assert!(!Operation::find("templates_list").unwrap().needs_params());
    /// ```
    pub fn needs_params(&self) -> bool {
        self.body_required || self.params.iter().any(|p| p.required)
    }
}
