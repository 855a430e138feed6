"""Type stubs of the compiled extension (checked by mypy.stubtest)."""

from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, Mapping
from typing import Any, Final, Literal, Optional, TypedDict, Union, final, overload

from typing_extensions import Required

from .types import Body, Counterparty, EmailEvent, Headers, Id, JsonValue, Key, Keys, LogRecord, Person

__all__ = [
    "Api",
    "ApiError",
    "DEFAULT_MAX_BODY_BYTES",
    "Delivery",
    "Diagnosis",
    "ERROR_CODES",
    "Execution",
    "Event",
    "HttpRequest",
    "InvalidArgumentError",
    "InvalidKeyError",
    "LEGACY_SIGNATURE_HEADER",
    "MAX_KEYS",
    "MAX_PAGE_LIMIT",
    "PayloadError",
    "RateLimiter",
    "RetryPolicy",
    "SIGNATURE_HEADER",
    "SignatureError",
    "SpotDraftKitError",
    "Verifier",
    "__version__",
    "body_sha256",
    "code_error",
    "diagnose",
    "parse_event",
    "sign",
]

__version__: Final[str]
SIGNATURE_HEADER: Final[str]
LEGACY_SIGNATURE_HEADER: Final[str]
DEFAULT_MAX_BODY_BYTES: Final[int]
MAX_KEYS: Final[int]
_ErrorCode = Literal[
    "missing_signature",
    "malformed_signature",
    "signature_mismatch",
    "invalid_key",
    "no_keys",
    "body_too_large",
    "invalid_json",
    "invalid_payload",
    "invalid_argument",
    "invalid_config",
    "invalid_id",
    "api_error",
    "length_required",
    "store_unavailable",
]
"""The stable error codes, the same in every runtime (core's ``ErrorCode::ALL``)."""
ERROR_CODES: Final[tuple[_ErrorCode, ...]]
MAX_PAGE_LIMIT: Final[int]

class SpotDraftKitError(Exception):
    """Base class of every spotdraft-kit error."""

    code: _ErrorCode
    """The stable error code (``signature_mismatch``, ``invalid_key``, ...)."""
    http_status: int
    """The status a webhook receiver should answer with."""
    log_record: Optional[LogRecord]
    """For rejected deliveries: what to log (no secrets, no personal data)."""

class SignatureError(SpotDraftKitError): ...
class InvalidKeyError(SpotDraftKitError): ...
class PayloadError(SpotDraftKitError): ...
class ApiError(SpotDraftKitError):
    """An API config, path parameter or response was rejected."""

    status: int
    """HTTP status of the response; 0 when no response arrived."""
    retryable: bool
    """Whether a retry may succeed (408, 429, 5xx, transport failures)."""
    detail: Optional[str]
    """``detail`` of SpotDraft's JSON error body."""
    api_code: Optional[str]
    """``code`` of SpotDraft's JSON error body."""
    api_message: Optional[str]
    """``message`` of SpotDraft's JSON error body."""
    field_errors: tuple[tuple[str, str], ...]
    """Validation errors as ``(field, message)`` pairs."""
    retry_after_ms: Optional[int]
    """``Retry-After`` given in seconds, as milliseconds to wait."""
    retry_after_at_unix_ms: Optional[int]
    """``Retry-After`` given as an HTTP date, in Unix epoch milliseconds."""
class InvalidArgumentError(SpotDraftKitError, TypeError, ValueError): ...

@final
class Event:
    """A parsed SpotDraft webhook payload (immutable)."""

    @property
    def activity(self) -> str: ...
    @property
    def known(self) -> bool: ...
    @property
    def category(self) -> str: ...
    @property
    def contract_id(self) -> Optional[int]: ...
    @property
    def contract_title(self) -> Optional[str]: ...
    @property
    def contract_status(self) -> Optional[str]: ...
    @property
    def contract_kind(self) -> Optional[str]: ...
    @property
    def contract_type(self) -> Optional[str]: ...
    @property
    def contract_type_name(self) -> Optional[str]: ...
    @property
    def contract_type_id(self) -> Optional[int]: ...
    @property
    def occurred_at(self) -> Optional[str]: ...
    @property
    def created_at(self) -> Optional[str]: ...
    @property
    def performed_by(self) -> Optional[Person]: ...
    @property
    def business_user(self) -> Optional[Person]: ...
    @property
    def legal_user(self) -> Optional[Person]: ...
    @property
    def signatory(self) -> Optional[Person]: ...
    @property
    def external_id(self) -> Optional[str]: ...
    @property
    def external_metadata(self) -> Optional[dict[str, Any]]: ...
    @property
    def activity_data(self) -> Optional[dict[str, Any]]: ...
    @property
    def counterparties(self) -> list[Counterparty]: ...
    @property
    def email_event(self) -> Optional[EmailEvent]: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def source(self) -> bytes: ...

@final
class Delivery:
    """A verified, parsed delivery."""

    @property
    def event(self) -> Event: ...
    @property
    def dedupe_key(self) -> str: ...
    @property
    def body_sha256(self) -> str: ...
    @property
    def body_length(self) -> int: ...
    @property
    def key_index(self) -> int: ...
    @property
    def key_id(self) -> Optional[str]: ...
    @property
    def signature_header(self) -> str: ...
    def log_record(self) -> LogRecord: ...

@final
class Diagnosis:
    """Why a signature did or did not match."""

    @property
    def cause(self) -> str: ...
    @property
    def key_index(self) -> Optional[int]: ...
    @property
    def variant(self) -> Optional[str]: ...
    @property
    def message(self) -> str: ...

@final
class Verifier:
    """A keyring of 1..=64 HMAC keys with precomputed HMAC state."""

    def __new__(
        cls,
        keys: Keys,
        *,
        max_body_bytes: Optional[int] = None,
        encoding: Optional[str] = "base64",
        allow_short_keys: bool = False,
    ) -> Verifier: ...
    @staticmethod
    def from_env(
        mapping: Mapping[str, str], *, max_body_bytes: Optional[int] = None, allow_short_keys: bool = False
    ) -> Verifier: ...
    def verify(self, body: Body, signature: Union[str, bytes]) -> int: ...
    def is_valid(self, body: Body, signature: Union[str, bytes]) -> bool: ...
    def open(self, headers: Headers, body: Body) -> Delivery: ...
    def open_with_signature(self, signature: Union[str, bytes], body: Body, *, legacy: bool = False) -> Delivery: ...
    def check_body_length(self, body_length: int) -> None: ...
    @property
    def max_body_bytes(self) -> int: ...
    @property
    def key_ids(self) -> list[Optional[str]]: ...
    def __len__(self) -> int: ...

def parse_event(body: Body) -> Event: ...
def sign(key: Key, body: Body, *, encoding: Optional[str] = "base64") -> str: ...
def code_error(code: _ErrorCode) -> SpotDraftKitError:
    """The error of a stable code with core's message for it, for a failure
    an adapter detects itself (``store_unavailable``, ``length_required``)."""
def diagnose(body: Body, signature: Union[str, bytes], keys: Keys, *, encoding: Optional[str] = "base64") -> Diagnosis: ...
def body_sha256(body: Body) -> str: ...

# --- SpotDraft's integration playbook: escalation bundles, reconcile, the webhook registry

__all__ += [
    "BUNDLE_FORMAT",
    "CONTRACTS_LIST_OPERATION",
    "MAX_RECONCILE_PAGES",
    "RECONCILED_ACTIVITY",
    "RECONCILE_PAGE_LIMIT",
    "RE_TRIGGER_BATCH_SIZE",
    "RE_TRIGGER_OPERATION",
    "WEBHOOK_CREATE_OPERATION",
    "WEBHOOK_DELETE_OPERATION",
    "PlannedCall",
    "Reconcile",
    "ReconcileOutcome",
    "Rotation",
    "RotationStep",
    "Sanitizer",
    "SyntheticDelivery",
    "WebhookRecord",
    "WebhookSpec",
    "api_bundle",
    "delivery_bundle",
    "plan_create",
    "plan_delete",
    "shared_urls",
]

BUNDLE_FORMAT: Final[str]
CONTRACTS_LIST_OPERATION: Final[str]
RE_TRIGGER_OPERATION: Final[str]
RECONCILE_PAGE_LIMIT: Final[int]
RE_TRIGGER_BATCH_SIZE: Final[int]
MAX_RECONCILE_PAGES: Final[int]
RECONCILED_ACTIVITY: Final[str]
WEBHOOK_CREATE_OPERATION: Final[str]
WEBHOOK_DELETE_OPERATION: Final[str]

@final
class Sanitizer:
    def __new__(cls) -> Sanitizer: ...
    def sanitize(self, value: JsonValue, path: str = "") -> JsonValue: ...
    def redact(self, path: str, kind: str, value: str) -> str: ...
    @property
    def redactions(self) -> list[dict[str, str]]: ...

def delivery_bundle(
    body: Body,
    headers: Union[Mapping[str, Any], Iterable[tuple[Union[str, bytes], Union[str, bytes]]]],
    log_records: Optional[Iterable[Mapping[str, JsonValue]]] = None,
    *,
    verifier: Optional[Verifier] = None,
    environment: str = "",
    region: Optional[str] = None,
    integration_id: Optional[str] = None,
    occurred_at: Optional[str] = None,
    status: Optional[int] = None,
) -> dict[str, JsonValue]: ...
def api_bundle(
    record: Mapping[str, JsonValue],
    request_body: Optional[JsonValue] = None,
    response_body: Optional[JsonValue] = None,
    *,
    environment: str = "",
    region: Optional[str] = None,
    integration_id: Optional[str] = None,
    occurred_at: Optional[str] = None,
    status: Optional[int] = None,
) -> dict[str, JsonValue]: ...

@final
class PlannedCall:
    @property
    def operation(self) -> str: ...
    @property
    def params(self) -> dict[str, JsonValue]: ...

@final
class SyntheticDelivery:
    @property
    def contract_id(self) -> int: ...
    @property
    def status(self) -> Optional[str]: ...
    @property
    def body(self) -> bytes: ...
    @property
    def dedupe_key(self) -> str: ...
    @property
    def body_sha256(self) -> str: ...

@final
class ReconcileOutcome:
    @property
    def moved(self) -> list[int]: ...
    @property
    def deliveries(self) -> list[SyntheticDelivery]: ...
    @property
    def re_trigger(self) -> list[PlannedCall]: ...
    @property
    def unresolved(self) -> list[str]: ...
    @property
    def pages(self) -> int: ...
    @property
    def complete(self) -> bool: ...
    @property
    def next_checkpoint(self) -> str: ...

@final
class Reconcile:
    def __new__(
        cls,
        checkpoint: str,
        as_of: str,
        seen: Union[Mapping[int, str], Iterable[tuple[int, str]]],
        mode: str = "synthetic",
    ) -> Reconcile: ...
    def first_call(self) -> PlannedCall: ...
    def consume_page(self, page: Mapping[str, JsonValue]) -> Optional[PlannedCall]: ...
    def finish(self) -> ReconcileOutcome: ...

@final
class WebhookRecord:
    def __new__(cls, id: str, title: str, url: str, activities: list[str], environment: str) -> WebhookRecord: ...
    @staticmethod
    def from_created(response: Mapping[str, JsonValue], environment: str) -> WebhookRecord: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def activities(self) -> list[str]: ...
    @property
    def environment(self) -> str: ...

@final
class WebhookSpec:
    def __new__(cls, title: str, url: str, activities: list[str], environment: str) -> WebhookSpec: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def activities(self) -> list[str]: ...
    @property
    def environment(self) -> str: ...

def plan_create(registry: Iterable[WebhookRecord], spec: WebhookSpec) -> PlannedCall: ...
def plan_delete(registry: Iterable[WebhookRecord], id: str, force: bool = False) -> PlannedCall: ...
def shared_urls(registry: Iterable[WebhookRecord]) -> list[tuple[str, list[str]]]: ...

@final
class RotationStep:
    @property
    def name(self) -> str: ...
    @property
    def call(self) -> Optional[PlannedCall]: ...
    @property
    def webhook_id(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def kept(self) -> Optional[WebhookRecord]: ...

@final
class Rotation:
    @staticmethod
    def start(registry: Iterable[WebhookRecord], old_id: str, spec: WebhookSpec) -> Rotation: ...
    def step(self) -> RotationStep: ...
    def created(self, response: Mapping[str, JsonValue]) -> WebhookRecord: ...
    def delivery_at(self, url: str) -> bool: ...
    def give_up(self) -> None: ...
    def deleted(self, id: str) -> None: ...

@final
class HttpRequest:
    """An immutable request built by ``Api``; ``repr()`` is redacted."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def body(self) -> Optional[bytes]: ...
    @property
    def operation(self) -> str: ...
    @property
    def environment(self) -> str: ...
    @property
    def idempotent(self) -> bool: ...
    def redacted(self) -> HttpRequest: ...
    def log_record(self) -> LogRecord: ...
    def response_log_record(self, status: int, retries: int, headers: Optional[Headers] = None) -> LogRecord: ...
    def parse_response(self, status: int, headers: Headers, body: Optional[Body]) -> JsonValue: ...
    def transport_error(self, what: str, maybe_sent: bool) -> ApiError: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class RetryPolicy:
    """Bounded exponential backoff with full jitter, honouring Retry-After."""

    def __new__(
        cls, *, max_attempts: Optional[int] = None, base_ms: Optional[int] = None, cap_ms: Optional[int] = None
    ) -> RetryPolicy: ...
    @property
    def max_attempts(self) -> int: ...
    @property
    def base_ms(self) -> int: ...
    @property
    def cap_ms(self) -> int: ...
    def next_delay_ms(self, attempt: int, error: ApiError, random: float, now_ms: int) -> Optional[int]: ...

@final
class Execution:
    """Core's executor state machine for one call (the executors loop on it)."""

    def __new__(cls, retry_policy: RetryPolicy, *, timeout_ms: Optional[int] = None) -> Execution: ...
    def next(self, limiter: RateLimiter, now_ms: int) -> tuple[str, int, int]: ...
    def succeeded(self) -> None: ...
    def failed(self, error: ApiError, random: float, unix_ms: int) -> Optional[int]: ...
    @staticmethod
    def default_timeout_ms() -> int: ...

@final
class RateLimiter:
    """At most ``max_requests`` in any ``window_ms`` window (thread-safe)."""

    def __new__(cls, *, max_requests: Optional[int] = None, window_ms: Optional[int] = None) -> RateLimiter: ...
    def acquire(self, now_ms: int) -> int: ...

# BEGIN operation parameters (generated by api/generate.py from api/operations.json)
_AnalyticsQueryCreateBody = TypedDict('_AnalyticsQueryCreateBody', {'query': Required[str], 'user_scoped': Union[None, bool]}, total=False)
_AnalyticsQueryCreateParams = TypedDict('_AnalyticsQueryCreateParams', {'body': Required[_AnalyticsQueryCreateBody]}, total=False)
_AuthRolesMembersCreateBody = TypedDict('_AuthRolesMembersCreateBody', {'user_ids_to_add': list[int]}, total=False)
_AuthRolesMembersCreateParams = TypedDict('_AuthRolesMembersCreateParams', {'role_id': Required[Union[int, str]], 'body': _AuthRolesMembersCreateBody}, total=False)
_AuthRolesMembersDestroyParams = TypedDict('_AuthRolesMembersDestroyParams', {'role_id': Required[Union[int, str]]}, total=False)
_AuthRolesRetrieveParams = TypedDict('_AuthRolesRetrieveParams', {}, total=False)
_AuthUsersCreateBody = TypedDict('_AuthUsersCreateBody', {'designation': str, 'email': Required[str], 'first_name': Required[str], 'last_name': str, 'role_ids': list[int]}, total=False)
_AuthUsersCreateParams = TypedDict('_AuthUsersCreateParams', {'body': Required[_AuthUsersCreateBody]}, total=False)
_AuthUsersDestroyParams = TypedDict('_AuthUsersDestroyParams', {'user_id': Required[Union[int, str]]}, total=False)
_AuthUsersPartialUpdateBody = TypedDict('_AuthUsersPartialUpdateBody', {'roles': list[int]}, total=False)
_AuthUsersPartialUpdateParams = TypedDict('_AuthUsersPartialUpdateParams', {'user_id': Required[Union[int, str]], 'body': _AuthUsersPartialUpdateBody}, total=False)
_AuthUsersRetrieveParams = TypedDict('_AuthUsersRetrieveParams', {'limit': Union[int, str], 'page': Union[int, str], 'user_email': str, 'user_name': str}, total=False)
_ClickwrapAgreementsPreviewCreateBody = TypedDict('_ClickwrapAgreementsPreviewCreateBody', {'agreement_id': Required[int], 'auth_user_id': Required[int], 'html_content': Required[str], 'name': Required[str], 'org_user_id': Required[int], 'workspace_id': Required[int]}, total=False)
_ClickwrapAgreementsPreviewCreateParams = TypedDict('_ClickwrapAgreementsPreviewCreateParams', {'clickwrap_id': Required[Union[int, str]], 'body': Required[_ClickwrapAgreementsPreviewCreateBody]}, total=False)
_ClickwrapConsentStatusCreateBody = TypedDict('_ClickwrapConsentStatusCreateBody', {'user_identifier': Required[str]}, total=False)
_ClickwrapConsentStatusCreateParams = TypedDict('_ClickwrapConsentStatusCreateParams', {'clickwrap_public_id': Required[Union[str, int]], 'body': Required[_ClickwrapConsentStatusCreateBody]}, total=False)
_ClickwrapExecuteCreateBody = TypedDict('_ClickwrapExecuteCreateBody', {'additional_custom_information': dict[str, Any], 'agreements': Required[list[dict[str, Any]]], 'clickwrap_id': Required[int], 'clickwrap_public_id': Required[str], 'external_metadata': dict[str, Any], 'first_name': str, 'ip_address': str, 'key_pointer_information': dict[str, Any], 'last_name': str, 'user_email': str, 'user_identifier': Required[str]}, total=False)
_ClickwrapExecuteCreateParams = TypedDict('_ClickwrapExecuteCreateParams', {'clickwrap_public_id': Required[Union[str, int]], 'body': Required[_ClickwrapExecuteCreateBody]}, total=False)
_ClickwrapRetrieveParams = TypedDict('_ClickwrapRetrieveParams', {'clickwrap_public_id': Required[Union[str, int]]}, total=False)
_ContractTypesAccessControlCreateBody = TypedDict('_ContractTypesAccessControlCreateBody', {'permission_filter_list': Required[list[Literal['READ', 'SUGGEST', 'EDIT', 'SIGN', 'CREATE']]]}, total=False)
_ContractTypesAccessControlCreateParams = TypedDict('_ContractTypesAccessControlCreateParams', {'contract_type_id': Required[Union[int, str]], 'body': Required[_ContractTypesAccessControlCreateBody]}, total=False)
_ContractTypesEntitiesRetrieveParams = TypedDict('_ContractTypesEntitiesRetrieveParams', {'contract_type_id': Required[Union[int, str]]}, total=False)
_ContractTypesIntakeFormQuestionnaireRetrieveParams = TypedDict('_ContractTypesIntakeFormQuestionnaireRetrieveParams', {'contract_type_id': Required[Union[int, str]]}, total=False)
_ContractTypesRetrieveParams = TypedDict('_ContractTypesRetrieveParams', {}, total=False)
_ContractsApprovalsCreateBody = TypedDict('_ContractsApprovalsCreateBody', {'approvals': Required[list[dict[str, Any]]]}, total=False)
_ContractsApprovalsCreateParams = TypedDict('_ContractsApprovalsCreateParams', {'contract_id': Required[Union[str, int]], 'body': Required[_ContractsApprovalsCreateBody]}, total=False)
_ContractsApprovalsRetrieveParams = TypedDict('_ContractsApprovalsRetrieveParams', {'contract_id': Required[Union[str, int]]}, total=False)
_ContractsAuthorizedUsersRetrieveParams = TypedDict('_ContractsAuthorizedUsersRetrieveParams', {'contract_id': Required[Union[int, str]]}, total=False)
_ContractsBusinessUserPartialUpdateBody = TypedDict('_ContractsBusinessUserPartialUpdateBody', {'update_user_task_on_bu_update': bool, 'user_id': Required[int]}, total=False)
_ContractsBusinessUserPartialUpdateParams = TypedDict('_ContractsBusinessUserPartialUpdateParams', {'contract_id': Required[Union[int, str]], 'body': Required[_ContractsBusinessUserPartialUpdateBody]}, total=False)
_ContractsByExternalMetadataRetrieveParams = TypedDict('_ContractsByExternalMetadataRetrieveParams', {'external_metadata_id': Required[Union[str, int]]}, total=False)
_ContractsCommentsCreateBody = TypedDict('_ContractsCommentsCreateBody', {'comment': Required[str]}, total=False)
_ContractsCommentsCreateParams = TypedDict('_ContractsCommentsCreateParams', {'contract_id': Required[Union[int, str]], 'body': Required[_ContractsCommentsCreateBody]}, total=False)
_ContractsCommentsRetrieveParams = TypedDict('_ContractsCommentsRetrieveParams', {'contract_id': Required[Union[int, str]], 'limit': Union[int, str], 'page': Union[int, str]}, total=False)
_ContractsContentRetrieveParams = TypedDict('_ContractsContentRetrieveParams', {'composite_id': Required[Union[str, int]], 'contract_version_id': Union[int, str], 'text_format': Literal['segments', 'text'], 'Enforce-User-Scoping': Union[bool, str]}, total=False)
_ContractsContentScannedRetrieveParams = TypedDict('_ContractsContentScannedRetrieveParams', {'composite_id': Required[Union[str, int]], 'contract_version_id': Union[int, str], 'Enforce-User-Scoping': Union[bool, str]}, total=False)
_ContractsContractDataPartialUpdateBody = TypedDict('_ContractsContractDataPartialUpdateBody', {'data': Required[dict[str, Any]]}, total=False)
_ContractsContractDataPartialUpdateParams = TypedDict('_ContractsContractDataPartialUpdateParams', {'contract_id': Required[Union[str, int]], 'user-email': str, 'body': Required[_ContractsContractDataPartialUpdateBody]}, total=False)
_ContractsContractRelationCreateBody = TypedDict('_ContractsContractRelationCreateBody', {'related_contract_id': Required[int], 'relation_type': Required[Literal['CHILD', 'ADDENDUM', 'AMENDMENT', 'PARENT']]}, total=False)
_ContractsContractRelationCreateParams = TypedDict('_ContractsContractRelationCreateParams', {'contract_id': Required[Union[int, str]], 'body': Required[_ContractsContractRelationCreateBody]}, total=False)
_ContractsContractVersionCreateBody = TypedDict('_ContractsContractVersionCreateBody', {'collect_approvals': bool, 'document_base_64': Required[str], 'document_name': Required[str], 'is_executed_version': bool}, total=False)
_ContractsContractVersionCreateParams = TypedDict('_ContractsContractVersionCreateParams', {'contract_id': Required[Union[int, str]], 'body': Required[_ContractsContractVersionCreateBody]}, total=False)
_ContractsCreateBody = TypedDict('_ContractsCreateBody', {'contract_data': Required[Any], 'contract_name': str, 'contract_template_id': Required[int], 'counter_party_details': Required[list[dict[str, Any]]], 'entity_reference_id': str, 'external_metadata': Any, 'is_embedded_contract': bool, 'send_to_counterparty_config': dict[str, Any], 'signatories': list[dict[str, Any]], 'workflow_config': dict[str, Any]}, total=False)
_ContractsCreateParams = TypedDict('_ContractsCreateParams', {'user-email': str, 'body': Required[_ContractsCreateBody]}, total=False)
_ContractsDownloadCreateParams = TypedDict('_ContractsDownloadCreateParams', {'composite_id': Required[Union[str, int]]}, total=False)
_ContractsDownloadDocxCreateBody = TypedDict('_ContractsDownloadDocxCreateBody', {'fallback_to_last_available_docx': bool}, total=False)
_ContractsDownloadDocxCreateParams = TypedDict('_ContractsDownloadDocxCreateParams', {'contract_id': Required[Union[int, str]], 'body': _ContractsDownloadDocxCreateBody}, total=False)
_ContractsDownloadLinkCreateBody = TypedDict('_ContractsDownloadLinkCreateBody', {'format': Union[Literal['PDF', 'DOCX', 'DOCX_WITH_FALLBACK_TO_PDF'], None]}, total=False)
_ContractsDownloadLinkCreateParams = TypedDict('_ContractsDownloadLinkCreateParams', {'composite_id': Required[Union[str, int]], 'body': _ContractsDownloadLinkCreateBody}, total=False)
_ContractsEmbeddedContractsCounterPartyRetrieveParams = TypedDict('_ContractsEmbeddedContractsCounterPartyRetrieveParams', {'contract_id': Required[Union[str, int]], 'cp_email_id': str}, total=False)
_ContractsExecutedContractsCreateBody = TypedDict('_ContractsExecutedContractsCreateBody', {'contract_name': Required[str], 'contract_type_id': Required[int], 'counterparty_details': list[dict[str, Any]], 'external_metadata': dict[str, Any], 'file_content': Required[str], 'file_name': Required[str], 'organization_entity_id': Required[int]}, total=False)
_ContractsExecutedContractsCreateParams = TypedDict('_ContractsExecutedContractsCreateParams', {'body': Required[_ContractsExecutedContractsCreateBody]}, total=False)
_ContractsExternalMetadataCreateBody = TypedDict('_ContractsExternalMetadataCreateBody', {'external_metadata': Required[dict[str, Any]]}, total=False)
_ContractsExternalMetadataCreateParams = TypedDict('_ContractsExternalMetadataCreateParams', {'contract_id': Required[Union[str, int]], 'body': Required[_ContractsExternalMetadataCreateBody]}, total=False)
_ContractsExternalMetadataRetrieveParams = TypedDict('_ContractsExternalMetadataRetrieveParams', {'contract_id': Required[Union[str, int]]}, total=False)
_ContractsIntakeFormResponsePartialUpdateParams = TypedDict('_ContractsIntakeFormResponsePartialUpdateParams', {'composite_id': Required[Union[str, int]], 'body': Any}, total=False)
_ContractsInviteCreateBody = TypedDict('_ContractsInviteCreateBody', {'items': Required[list[dict[str, Any]]]}, total=False)
_ContractsInviteCreateParams = TypedDict('_ContractsInviteCreateParams', {'contract_id': Required[Union[int, str]], 'body': Required[_ContractsInviteCreateBody]}, total=False)
_ContractsKeyPointersBulkCreateBody = TypedDict('_ContractsKeyPointersBulkCreateBody', {'key_pointers': Required[list[dict[str, Any]]]}, total=False)
_ContractsKeyPointersBulkCreateParams = TypedDict('_ContractsKeyPointersBulkCreateParams', {'composite_id': Required[Union[str, int]], 'body': Required[_ContractsKeyPointersBulkCreateBody]}, total=False)
_ContractsKeyPointersPartialUpdateBody = TypedDict('_ContractsKeyPointersPartialUpdateBody', {'source_datatype': str, 'source_non_validated_value': Any, 'value': Any, 'value_source_metadata': list[dict[str, Any]], 'was_edited_by_user': bool}, total=False)
_ContractsKeyPointersPartialUpdateParams = TypedDict('_ContractsKeyPointersPartialUpdateParams', {'contract_id': Required[Union[str, int]], 'contract_key_pointer_id': Required[Union[str, int]], 'body': _ContractsKeyPointersPartialUpdateBody}, total=False)
_ContractsKeyPointersRetrieveParams = TypedDict('_ContractsKeyPointersRetrieveParams', {'composite_id': Required[Union[str, int]], 'Enforce-User-Scoping': Union[bool, str]}, total=False)
_ContractsMarkForExecutionCreateBody = TypedDict('_ContractsMarkForExecutionCreateBody', {'affix_stamp_documents': bool}, total=False)
_ContractsMarkForExecutionCreateParams = TypedDict('_ContractsMarkForExecutionCreateParams', {'composite_id': Required[Union[str, int]], 'body': _ContractsMarkForExecutionCreateBody}, total=False)
_ContractsNotesRetrieveParams = TypedDict('_ContractsNotesRetrieveParams', {'composite_id': Required[Union[str, int]], 'Enforce-User-Scoping': Union[bool, str]}, total=False)
_ContractsNotesUpdateBody = TypedDict('_ContractsNotesUpdateBody', {'note_tag': dict[str, Any], 'text': Required[str]}, total=False)
_ContractsNotesUpdateParams = TypedDict('_ContractsNotesUpdateParams', {'contract_id': Required[Union[str, int]], 'note_id': Required[Union[str, int]], 'user-email': str, 'body': Required[_ContractsNotesUpdateBody]}, total=False)
_ContractsObligationsBulkCreateParams = TypedDict('_ContractsObligationsBulkCreateParams', {'contract_id': Required[Union[int, str]], 'body': Any}, total=False)
_ContractsObligationsBulkPartialUpdateParams = TypedDict('_ContractsObligationsBulkPartialUpdateParams', {'contract_id': Required[Union[int, str]], 'body': Any}, total=False)
_ContractsObligationsCreateBody = TypedDict('_ContractsObligationsCreateBody', {'custom_fields': dict[str, Any], 'description': str, 'end_date': Required[str], 'obligation_type_id': Required[int], 'priority': Required[Literal['LOW', 'MEDIUM', 'HIGH']], 'start_date': str, 'status': Literal['PENDING', 'COMPLETED', 'FAILED', 'VERIFIED'], 'tasks': list[dict[str, Any]], 'title': Required[str]}, total=False)
_ContractsObligationsCreateParams = TypedDict('_ContractsObligationsCreateParams', {'contract_id': Required[Union[int, str]], 'body': Required[_ContractsObligationsCreateBody]}, total=False)
_ContractsObligationsDestroyParams = TypedDict('_ContractsObligationsDestroyParams', {'contract_id': Required[Union[int, str]], 'obligation_id': Required[Union[int, str]]}, total=False)
_ContractsObligationsListParams = TypedDict('_ContractsObligationsListParams', {'contract_id': Required[Union[int, str]]}, total=False)
_ContractsObligationsPartialUpdateBody = TypedDict('_ContractsObligationsPartialUpdateBody', {'custom_fields': dict[str, Any], 'description': str, 'end_date': str, 'obligation_type_id': int, 'priority': Literal['LOW', 'MEDIUM', 'HIGH'], 'start_date': str, 'status': Literal['PENDING', 'COMPLETED', 'FAILED', 'VERIFIED'], 'title': str}, total=False)
_ContractsObligationsPartialUpdateParams = TypedDict('_ContractsObligationsPartialUpdateParams', {'contract_id': Required[Union[int, str]], 'obligation_id': Required[Union[int, str]], 'body': _ContractsObligationsPartialUpdateBody}, total=False)
_ContractsObligationsRetrieveByIdParams = TypedDict('_ContractsObligationsRetrieveByIdParams', {'contract_id': Required[Union[int, str]], 'obligation_id': Required[Union[int, str]]}, total=False)
_ContractsPreviewCreateBody = TypedDict('_ContractsPreviewCreateBody', {'contract_data': Required[dict[str, Any]], 'contract_template_id': Required[int], 'counter_party_details': list[dict[str, Any]], 'organization_entity_id': int}, total=False)
_ContractsPreviewCreateParams = TypedDict('_ContractsPreviewCreateParams', {'body': Required[_ContractsPreviewCreateBody]}, total=False)
_ContractsProcessMetricsRetrieveParams = TypedDict('_ContractsProcessMetricsRetrieveParams', {'contract_id': Required[Union[int, str]]}, total=False)
_ContractsQuestionnaireResponsesRetrieveParams = TypedDict('_ContractsQuestionnaireResponsesRetrieveParams', {'contract_id': Required[Union[int, str]], 'questionnaire_type': Required[str]}, total=False)
_ContractsRecipientsRecipientLinkRetrieveParams = TypedDict('_ContractsRecipientsRecipientLinkRetrieveParams', {'contract_id': Required[Union[int, str]], 'recipient_email': Required[str]}, total=False)
_ContractsRecipientsRetrieveParams = TypedDict('_ContractsRecipientsRetrieveParams', {'composite_id': Required[Union[str, int]]}, total=False)
_ContractsRelatedContractsRetrieveParams = TypedDict('_ContractsRelatedContractsRetrieveParams', {'contract_id': Required[Union[int, str]], 'limit': Union[int, str], 'page': Union[int, str]}, total=False)
_ContractsRetrieveParams = TypedDict('_ContractsRetrieveParams', {'limit': Union[int, str], 'page': Union[int, str], 'query': str, 'filters': Mapping[str, Any]}, total=False)
_ContractsReviewRequestCreateBody = TypedDict('_ContractsReviewRequestCreateBody', {'assignee_role_id': int, 'assignee_user_id': int, 'description': str}, total=False)
_ContractsReviewRequestCreateParams = TypedDict('_ContractsReviewRequestCreateParams', {'contract_id': Required[Union[int, str]], 'body': _ContractsReviewRequestCreateBody}, total=False)
_ContractsSendToCounterpartiesCreateBody = TypedDict('_ContractsSendToCounterpartiesCreateBody', {'attachment_formats': Required[list[Literal['DOCX', 'PDF', 'TEMPLATE']]], 'bcc_emails': list[str], 'cc_emails': list[str], 'custom_message': str, 'extra_attachments': list[dict[str, Any]], 'subject': str, 'to_emails': list[str]}, total=False)
_ContractsSendToCounterpartiesCreateParams = TypedDict('_ContractsSendToCounterpartiesCreateParams', {'composite_id': Required[Union[str, int]], 'body': Required[_ContractsSendToCounterpartiesCreateBody]}, total=False)
_ContractsSignatoriesResendEmailCreateBody = TypedDict('_ContractsSignatoriesResendEmailCreateBody', {'email_id': Required[str]}, total=False)
_ContractsSignatoriesResendEmailCreateParams = TypedDict('_ContractsSignatoriesResendEmailCreateParams', {'composite_id': Required[Union[str, int]], 'body': Required[_ContractsSignatoriesResendEmailCreateBody]}, total=False)
_ContractsStatusRetrieveParams = TypedDict('_ContractsStatusRetrieveParams', {'composite_id': Required[Union[str, int]], 'Enforce-User-Scoping': Union[bool, str]}, total=False)
_ContractsStatusVoidCreateBody = TypedDict('_ContractsStatusVoidCreateBody', {'note': Required[str]}, total=False)
_ContractsStatusVoidCreateParams = TypedDict('_ContractsStatusVoidCreateParams', {'composite_id': Required[Union[str, int]], 'body': Required[_ContractsStatusVoidCreateBody]}, total=False)
_ContractsTasksBulkCreateParams = TypedDict('_ContractsTasksBulkCreateParams', {'contract_id': Required[Union[int, str]], 'body': Any}, total=False)
_ContractsUninviteAllCreateParams = TypedDict('_ContractsUninviteAllCreateParams', {'contract_id': Required[Union[int, str]]}, total=False)
_ContractsUninviteCreateBody = TypedDict('_ContractsUninviteCreateBody', {'role_id': int, 'user_id': int}, total=False)
_ContractsUninviteCreateParams = TypedDict('_ContractsUninviteCreateParams', {'contract_id': Required[Union[int, str]], 'body': _ContractsUninviteCreateBody}, total=False)
_ContractsUnmarkForExecutionCreateBody = TypedDict('_ContractsUnmarkForExecutionCreateBody', {'note': str}, total=False)
_ContractsUnmarkForExecutionCreateParams = TypedDict('_ContractsUnmarkForExecutionCreateParams', {'composite_id': Required[Union[str, int]], 'body': _ContractsUnmarkForExecutionCreateBody}, total=False)
_ContractsUploadReviewContractsCreateBody = TypedDict('_ContractsUploadReviewContractsCreateBody', {'business_user_email': str, 'contract_name': Required[str], 'contract_type_id': Required[int], 'counterparty_is_individual': bool, 'counterparty_organization_name': str, 'counterparty_poc_details': dict[str, Any], 'counterparty_workspace_id': int, 'creator_organization_entity_id': int, 'creator_signatories': list[dict[str, Any]], 'external_metadata': dict[str, Any], 'file_base64': Required[str], 'file_name': Required[str], 'intake_form_data': dict[str, Any], 'reviewer': dict[str, Any]}, total=False)
_ContractsUploadReviewContractsCreateParams = TypedDict('_ContractsUploadReviewContractsCreateParams', {'body': Required[_ContractsUploadReviewContractsCreateBody]}, total=False)
_ContractsUploadSignContractsCreateBody = TypedDict('_ContractsUploadSignContractsCreateBody', {'business_user_email': str, 'contract_name': Required[str], 'contract_type_id': Required[int], 'counterparty_is_individual': bool, 'counterparty_organization_name': Required[str], 'counterparty_poc_details': dict[str, Any], 'creator_organization_entity_id': int, 'creator_signatories': list[dict[str, Any]], 'external_metadata': dict[str, Any], 'file_base64': Required[str], 'file_name': Required[str], 'intake_form_data': dict[str, Any]}, total=False)
_ContractsUploadSignContractsCreateParams = TypedDict('_ContractsUploadSignContractsCreateParams', {'body': Required[_ContractsUploadSignContractsCreateBody]}, total=False)
_ContractsWebhooksReTriggerLatestCreateBody = TypedDict('_ContractsWebhooksReTriggerLatestCreateBody', {'contract_ids': Required[list[int]]}, total=False)
_ContractsWebhooksReTriggerLatestCreateParams = TypedDict('_ContractsWebhooksReTriggerLatestCreateParams', {'body': Required[_ContractsWebhooksReTriggerLatestCreateBody]}, total=False)
_CounterPartiesAddressesCreateBody = TypedDict('_CounterPartiesAddressesCreateBody', {'city_name': Required[str], 'country_iso_code': str, 'country_name': Required[str], 'email': str, 'line_one': Required[str], 'phone': str, 'state_name': str, 'zipcode': str}, total=False)
_CounterPartiesAddressesCreateParams = TypedDict('_CounterPartiesAddressesCreateParams', {'counterparty_id': Required[Union[int, str]], 'body': Required[_CounterPartiesAddressesCreateBody]}, total=False)
_CounterPartiesAddressesPartialUpdateBody = TypedDict('_CounterPartiesAddressesPartialUpdateBody', {'city_name': str, 'country_iso_code': str, 'is_primary': bool, 'line_one': str, 'state_name': str, 'zipcode': str}, total=False)
_CounterPartiesAddressesPartialUpdateParams = TypedDict('_CounterPartiesAddressesPartialUpdateParams', {'address_id': Required[Union[int, str]], 'counterparty_id': Required[Union[int, str]], 'body': _CounterPartiesAddressesPartialUpdateBody}, total=False)
_CounterPartiesAddressesRetrieveParams = TypedDict('_CounterPartiesAddressesRetrieveParams', {'counterparty_id': Required[Union[int, str]], 'limit': Union[int, str], 'page': Union[int, str]}, total=False)
_CounterPartiesContactsBulkPartialUpdateBody = TypedDict('_CounterPartiesContactsBulkPartialUpdateBody', {'contacts': Required[list[dict[str, Any]]]}, total=False)
_CounterPartiesContactsBulkPartialUpdateParams = TypedDict('_CounterPartiesContactsBulkPartialUpdateParams', {'counterparty_id': Required[Union[int, str]], 'body': Required[_CounterPartiesContactsBulkPartialUpdateBody]}, total=False)
_CounterPartiesContactsCreateBody = TypedDict('_CounterPartiesContactsCreateBody', {'email': Required[str], 'is_primary': Required[bool], 'name': Required[str]}, total=False)
_CounterPartiesContactsCreateParams = TypedDict('_CounterPartiesContactsCreateParams', {'counterparty_id': Required[Union[int, str]], 'body': Required[_CounterPartiesContactsCreateBody]}, total=False)
_CounterPartiesContactsDestroyParams = TypedDict('_CounterPartiesContactsDestroyParams', {'contact_id': Required[Union[int, str]], 'counterparty_id': Required[Union[int, str]]}, total=False)
_CounterPartiesContactsPartialUpdateBody = TypedDict('_CounterPartiesContactsPartialUpdateBody', {'email': str, 'is_primary': bool, 'name': str}, total=False)
_CounterPartiesContactsPartialUpdateParams = TypedDict('_CounterPartiesContactsPartialUpdateParams', {'contact_id': Required[Union[int, str]], 'counterparty_id': Required[Union[int, str]], 'body': _CounterPartiesContactsPartialUpdateBody}, total=False)
_CounterPartiesContactsRetrieveParams = TypedDict('_CounterPartiesContactsRetrieveParams', {'counterparty_id': Required[Union[int, str]], 'limit': Union[int, str], 'page': Union[int, str]}, total=False)
_CounterPartiesCreateBody = TypedDict('_CounterPartiesCreateBody', {'brand_name': str, 'contact_email': str, 'contact_name': str, 'custom_fields': dict[str, Any], 'is_individual': Required[bool], 'organization_name': str, 'organization_type': str, 'primary_address': dict[str, Any]}, total=False)
_CounterPartiesCreateParams = TypedDict('_CounterPartiesCreateParams', {'body': Required[_CounterPartiesCreateBody]}, total=False)
_CounterPartiesListParams = TypedDict('_CounterPartiesListParams', {'limit': Union[int, str], 'page': Union[int, str], 'filters': Mapping[str, Any], 'filter_custom': Mapping[str, str]}, total=False)
_CounterPartiesPartialUpdateBody = TypedDict('_CounterPartiesPartialUpdateBody', {'brand_name': str, 'custom_fields': dict[str, Any], 'name': str}, total=False)
_CounterPartiesPartialUpdateParams = TypedDict('_CounterPartiesPartialUpdateParams', {'counterparty_id': Required[Union[int, str]], 'body': _CounterPartiesPartialUpdateBody}, total=False)
_CounterPartiesRetrieveByIdParams = TypedDict('_CounterPartiesRetrieveByIdParams', {'counterparty_id': Required[Union[int, str]]}, total=False)
_FacetsOptionsRetrieveParams = TypedDict('_FacetsOptionsRetrieveParams', {'field_name': Required[Union[str, int]], 'exclude': str, 'q': str}, total=False)
_FacetsRetrieveParams = TypedDict('_FacetsRetrieveParams', {'include_options': Union[bool, str]}, total=False)
_KeyPointersFieldNameMappingCreateBody = TypedDict('_KeyPointersFieldNameMappingCreateBody', {'contract_id': int, 'contract_type_id': int, 'new_field_names': list[str], 'old_field_names': list[str]}, total=False)
_KeyPointersFieldNameMappingCreateParams = TypedDict('_KeyPointersFieldNameMappingCreateParams', {'body': _KeyPointersFieldNameMappingCreateBody}, total=False)
_KeyPointersRetrieveParams = TypedDict('_KeyPointersRetrieveParams', {'contract_type_id': Required[Union[int, str]], 'is_external': Union[bool, str]}, total=False)
_LegalIntakeCreateBody = TypedDict('_LegalIntakeCreateBody', {'assignees': Union[None, list[dict[str, Any]]], 'description': Union[None, str], 'due_date': Union[None, str], 'file_ids': Union[None, list[str]], 'metadata': Union[None, dict[str, Any]], 'priority': Literal['LOW', 'MEDIUM', 'HIGH'], 'title': Required[str], 'workflow_id': Required[int]}, total=False)
_LegalIntakeCreateParams = TypedDict('_LegalIntakeCreateParams', {'body': Required[_LegalIntakeCreateBody]}, total=False)
_LegalIntakeDestroyParams = TypedDict('_LegalIntakeDestroyParams', {'legal_intake_id': Required[Union[int, str]]}, total=False)
_LegalIntakePartialUpdateBody = TypedDict('_LegalIntakePartialUpdateBody', {'assignees': Union[None, list[dict[str, Any]]], 'description': Union[None, str], 'due_date': Union[None, str], 'metadata': Union[None, dict[str, Any]], 'priority': Union[Literal['LOW', 'MEDIUM', 'HIGH'], None], 'status': Union[Literal['DRAFT', 'PENDING', 'IN_PROGRESS', 'BLOCKED', 'COMPLETED', 'DISCARDED'], None], 'title': Union[None, str]}, total=False)
_LegalIntakePartialUpdateParams = TypedDict('_LegalIntakePartialUpdateParams', {'legal_intake_id': Required[Union[int, str]], 'body': _LegalIntakePartialUpdateBody}, total=False)
_LegalIntakeRetrieveParams = TypedDict('_LegalIntakeRetrieveParams', {'limit': Union[int, str], 'page': Union[int, str], 'query': str, 'sort': str, 'filters': Mapping[str, Any]}, total=False)
_LegalIntakeRetrieve2Params = TypedDict('_LegalIntakeRetrieve2Params', {'legal_intake_id': Required[Union[int, str]]}, total=False)
_ObligationsTypesListParams = TypedDict('_ObligationsTypesListParams', {}, total=False)
_ObligationsTypesRetrieveByIdParams = TypedDict('_ObligationsTypesRetrieveByIdParams', {'obligation_type_id': Required[Union[int, str]]}, total=False)
_OrganizationsEntitiesCreateBody = TypedDict('_OrganizationsEntitiesCreateBody', {'is_primary': Required[bool], 'jurisdiction_iso_code': Required[str], 'name': Required[str], 'organization_type_id': Required[int], 'primary_address': Required[dict[str, Any]], 'reference_id': Required[str]}, total=False)
_OrganizationsEntitiesCreateParams = TypedDict('_OrganizationsEntitiesCreateParams', {'body': Required[_OrganizationsEntitiesCreateBody]}, total=False)
_OrganizationsEntitiesRetrieveParams = TypedDict('_OrganizationsEntitiesRetrieveParams', {}, total=False)
_OrganizationsTypesRetrieveParams = TypedDict('_OrganizationsTypesRetrieveParams', {'jurisdiction_iso_code': str}, total=False)
_SidebarFilesCreateBody = TypedDict('_SidebarFilesCreateBody', {'entity_id': Required[str], 'file': Required[str], 'upload_source': Required[Literal['chat', 'hub', 'assistant', 'table']], 'webhook_url': Union[str, None]}, total=False)
_SidebarFilesCreateParams = TypedDict('_SidebarFilesCreateParams', {'body': Required[_SidebarFilesCreateBody]}, total=False)
_SidebarQueryCreateBody = TypedDict('_SidebarQueryCreateBody', {'agent_context': list[str], 'agent_id': Union[str, None], 'chat_id': Union[str, None], 'contracts': list[dict[str, Any]], 'deep_research': bool, 'files': list[dict[str, Any]], 'sources': dict[str, Any], 'tables': list[dict[str, Any]], 'user_input': Required[str], 'webhook_url': Union[str, None]}, total=False)
_SidebarQueryCreateParams = TypedDict('_SidebarQueryCreateParams', {'body': Required[_SidebarQueryCreateBody]}, total=False)
_SupportedDocumentsCreateBody = TypedDict('_SupportedDocumentsCreateBody', {'file_base64': Required[str], 'file_name': Required[str], 'name': Required[str]}, total=False)
_SupportedDocumentsCreateParams = TypedDict('_SupportedDocumentsCreateParams', {'contract_id': Required[Union[str, int]], 'body': Required[_SupportedDocumentsCreateBody]}, total=False)
_TemplatesListParams = TypedDict('_TemplatesListParams', {'cp_types': str, 'cp_types_all': Union[bool, str], 'exclude_multi_party': Union[bool, str], 'include_archived': Union[bool, str], 'tags': Union[list[str], str], 'tags_all': Union[list[str], str]}, total=False)
_TemplatesMetadataRetrieveParams = TypedDict('_TemplatesMetadataRetrieveParams', {'template_id': Required[Union[str, int]]}, total=False)
_TemplatesPartialUpdateBody = TypedDict('_TemplatesPartialUpdateBody', {'tags': list[str]}, total=False)
_TemplatesPartialUpdateParams = TypedDict('_TemplatesPartialUpdateParams', {'template_id': Required[Union[int, str]], 'body': _TemplatesPartialUpdateBody}, total=False)
_TemplatesRetrieveByIdParams = TypedDict('_TemplatesRetrieveByIdParams', {'template_id': Required[Union[int, str]]}, total=False)
_UserTasksCreateBody = TypedDict('_UserTasksCreateBody', {'assignees': Required[list[dict[str, Any]]], 'contract_id': int, 'due_date': str, 'due_date_key_pointer_id': int, 'intake_task_status': Literal['PENDING', 'IN_PROGRESS', 'BLOCKED', 'COMPLETED', 'DISCARDED'], 'notes': str, 'priority': Literal['LOW', 'MEDIUM', 'HIGH'], 'reminders': list[dict[str, Any]], 'task_associations': list[dict[str, Any]], 'task_category': Literal['USER_TASK', 'OBLIGATION_TASK', 'INTAKE_TASK'], 'title': Required[str]}, total=False)
_UserTasksCreateParams = TypedDict('_UserTasksCreateParams', {'body': Required[_UserTasksCreateBody]}, total=False)
_WebhooksCreateBody = TypedDict('_WebhooksCreateBody', {'custom_headers': dict[str, Any], 'description': str, 'only_for_activities': Required[list[Literal['CONTRACT_VERSION_UPLOADED', 'CONTRACT_APPROVAL_COMPLETED', 'CONTRACT_APPROVAL_REQUESTED', 'CONTRACT_CREATED', 'CONTRACT_DATA_UPDATED', 'CONTRACT_DELETED', 'CONTRACT_EXECUTED', 'CONTRACT_MARK_FOR_EXECUTION', 'CONTRACT_SENT_TO_COUNTERPARTY', 'CONTRACT_SIGNATURE_DECLINED', 'CONTRACT_SIGNATURE_REQUESTED', 'CONTRACT_SIGNED', 'CONTRACT_UNMARK_FOR_EXECUTION', 'POSTMARK_EMAIL_EVENT', 'CONTRACT_KEY_POINTER_UPDATION', 'CONTRACT_KEY_POINTER_CREATION', 'SIGNING_EMAIL_DELIVERED', 'SIGNING_EMAIL_OPENED', 'SIGNING_EMAIL_NOT_DELIVERED', 'SIGNING_EMAIL_LINK_CLICKED', 'REDLINING_EMAIL_DELIVERED', 'REDLINING_EMAIL_OPENED', 'REDLINING_EMAIL_NOT_DELIVERED', 'REDLINING_EMAIL_LINK_CLICKED', 'CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT', 'COUNTER_PARTY_CREATED', 'COUNTER_PARTY_UPDATED', 'COUNTER_PARTY_CONTACT_CREATED', 'COUNTER_PARTY_CONTACT_UPDATED', 'COUNTER_PARTY_ADDRESS_CREATED', 'COUNTER_PARTY_ADDRESS_UPDATED', 'CONTRACT_ACTIVITY_LOG_COMMENT_CREATED', 'CONTRACT_VOIDED', 'CONTRACT_PROCESS_METRIC_UPDATED', 'CONTRACT_EXTERNAL_METADATA_CREATED', 'CONTRACT_EXTERNAL_METADATA_UPDATED', 'CONTRACT_ENTITY_UPDATED']]], 'title': Required[str], 'url': Required[str]}, total=False)
_WebhooksCreateParams = TypedDict('_WebhooksCreateParams', {'body': Required[_WebhooksCreateBody]}, total=False)
_WebhooksDestroyParams = TypedDict('_WebhooksDestroyParams', {'webhook_id': Required[Union[int, str]]}, total=False)
_WebhooksHmacKeyGetParams = TypedDict('_WebhooksHmacKeyGetParams', {}, total=False)
_WorkspaceFeatureFlagsCreateBody = TypedDict('_WorkspaceFeatureFlagsCreateBody', {'flags': Required[list[str]]}, total=False)
_WorkspaceFeatureFlagsCreateParams = TypedDict('_WorkspaceFeatureFlagsCreateParams', {'body': Required[_WorkspaceFeatureFlagsCreateBody]}, total=False)
_WorkspaceFilesRetrieveParams = TypedDict('_WorkspaceFilesRetrieveParams', {'file_id': Required[Union[str, int]]}, total=False)
_WorkspaceFilesUploadsCreateBody = TypedDict('_WorkspaceFilesUploadsCreateBody', {'files': Required[list[dict[str, Any]]]}, total=False)
_WorkspaceFilesUploadsCreateParams = TypedDict('_WorkspaceFilesUploadsCreateParams', {'body': Required[_WorkspaceFilesUploadsCreateBody]}, total=False)
_WorkspaceTagsCreateBody = TypedDict('_WorkspaceTagsCreateBody', {'tags': Required[list[dict[str, Any]]]}, total=False)
_WorkspaceTagsCreateParams = TypedDict('_WorkspaceTagsCreateParams', {'body': Required[_WorkspaceTagsCreateBody]}, total=False)
# END operation parameters

@final
class Api:
    """A SpotDraft API client: endpoint builders, parse_response, send."""

    def __new__(
        cls,
        *,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        environment: str = "production",
        user_email: Optional[str] = None,
        retry_policy: Optional[RetryPolicy] = None,
        rate_limiter: Optional[RateLimiter] = None,
        oauth_token: Optional[str] = None,
    ) -> Api: ...
    @staticmethod
    def from_env(
        mapping: Mapping[str, str],
        *,
        retry_policy: Optional[RetryPolicy] = None,
        rate_limiter: Optional[RateLimiter] = None,
    ) -> Api: ...
    @property
    def base_url(self) -> str: ...
    @property
    def region(self) -> Optional[str]: ...
    @property
    def environment(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    @property
    def user_email(self) -> Optional[str]: ...
    @property
    def secret_fingerprint(self) -> str: ...
    @property
    def rate_limiter(self) -> RateLimiter: ...
    @property
    def retry_policy(self) -> RetryPolicy: ...
    # BEGIN operation methods (generated by api/generate.py from api/operations.json)
    def analytics_query_create(self, params: _AnalyticsQueryCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/analytics/query/`"""
        ...
    def auth_roles_members_create(self, params: _AuthRolesMembersCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/auth/roles/{role_id}/members`"""
        ...
    def auth_roles_members_destroy(self, params: _AuthRolesMembersDestroyParams) -> HttpRequest:
        """`DELETE /api/v2.1/public/auth/roles/{role_id}/members`"""
        ...
    def auth_roles_retrieve(self, params: Optional[_AuthRolesRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/auth/roles/`"""
        ...
    def auth_users_create(self, params: _AuthUsersCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/auth/users/`"""
        ...
    def auth_users_destroy(self, params: _AuthUsersDestroyParams) -> HttpRequest:
        """`DELETE /api/v1/public/auth/users/{user_id}`"""
        ...
    def auth_users_partial_update(self, params: _AuthUsersPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v1/public/auth/users/{user_id}`"""
        ...
    def auth_users_retrieve(self, params: Optional[_AuthUsersRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/auth/users/`"""
        ...
    def clickwrap_agreements_preview_create(self, params: _ClickwrapAgreementsPreviewCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/clickwrap/{clickwrap_id}/agreements/preview/`"""
        ...
    def clickwrap_consent_status_create(self, params: _ClickwrapConsentStatusCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/clickwrap/{clickwrap_public_id}/consent_status/`"""
        ...
    def clickwrap_execute_create(self, params: _ClickwrapExecuteCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/clickwrap/{clickwrap_public_id}/execute/`"""
        ...
    def clickwrap_retrieve(self, params: _ClickwrapRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/clickwrap/{clickwrap_public_id}/`"""
        ...
    def contract_types_access_control_create(self, params: _ContractTypesAccessControlCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contract_types/{contract_type_id}/access_control`"""
        ...
    def contract_types_entities_retrieve(self, params: _ContractTypesEntitiesRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contract_types/{contract_type_id}/entities`"""
        ...
    def contract_types_intake_form_questionnaire_retrieve(self, params: _ContractTypesIntakeFormQuestionnaireRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contract_types/{contract_type_id}/intake_form/questionnaire/`"""
        ...
    def contract_types_retrieve(self, params: Optional[_ContractTypesRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/contract_types/`"""
        ...
    def contracts_approvals_create(self, params: _ContractsApprovalsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/approvals/{contract_id}/`"""
        ...
    def contracts_approvals_retrieve(self, params: _ContractsApprovalsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/approvals/{contract_id}/`"""
        ...
    def contracts_authorized_users_retrieve(self, params: _ContractsAuthorizedUsersRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/authorized_users/`"""
        ...
    def contracts_business_user_partial_update(self, params: _ContractsBusinessUserPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/contracts/{contract_id}/business_user/`"""
        ...
    def contracts_by_external_metadata_retrieve(self, params: _ContractsByExternalMetadataRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/by_external_metadata/{external_metadata_id}`"""
        ...
    def contracts_comments_create(self, params: _ContractsCommentsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/comments/`"""
        ...
    def contracts_comments_retrieve(self, params: _ContractsCommentsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/comments/`"""
        ...
    def contracts_content_retrieve(self, params: _ContractsContentRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{composite_id}/content`"""
        ...
    def contracts_content_scanned_retrieve(self, params: _ContractsContentScannedRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{composite_id}/content/scanned`"""
        ...
    def contracts_contract_data_partial_update(self, params: _ContractsContractDataPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/contracts/{contract_id}/contract_data`"""
        ...
    def contracts_contract_relation_create(self, params: _ContractsContractRelationCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/contract_relation/`"""
        ...
    def contracts_contract_version_create(self, params: _ContractsContractVersionCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/contract_version/`"""
        ...
    def contracts_create(self, params: _ContractsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/`"""
        ...
    def contracts_download_create(self, params: _ContractsDownloadCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/download`"""
        ...
    def contracts_download_docx_create(self, params: _ContractsDownloadDocxCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/download_docx/`"""
        ...
    def contracts_download_link_create(self, params: _ContractsDownloadLinkCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/download_link`"""
        ...
    def contracts_embedded_contracts_counter_party_retrieve(self, params: _ContractsEmbeddedContractsCounterPartyRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/embedded/contracts/{contract_id}/counter_party/`"""
        ...
    def contracts_executed_contracts_create(self, params: _ContractsExecutedContractsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/executed_contracts/`"""
        ...
    def contracts_external_metadata_create(self, params: _ContractsExternalMetadataCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/external_metadata`"""
        ...
    def contracts_external_metadata_retrieve(self, params: _ContractsExternalMetadataRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/external_metadata`"""
        ...
    def contracts_intake_form_response_partial_update(self, params: _ContractsIntakeFormResponsePartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/contracts/{composite_id}/intake_form/response`"""
        ...
    def contracts_invite_create(self, params: _ContractsInviteCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/invite/`"""
        ...
    def contracts_key_pointers_bulk_create(self, params: _ContractsKeyPointersBulkCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/key_pointers/bulk`"""
        ...
    def contracts_key_pointers_partial_update(self, params: _ContractsKeyPointersPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/contracts/{contract_id}/key_pointers/{contract_key_pointer_id}`"""
        ...
    def contracts_key_pointers_retrieve(self, params: _ContractsKeyPointersRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{composite_id}/key_pointers`"""
        ...
    def contracts_mark_for_execution_create(self, params: _ContractsMarkForExecutionCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/mark_for_execution/`"""
        ...
    def contracts_notes_retrieve(self, params: _ContractsNotesRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{composite_id}/notes`"""
        ...
    def contracts_notes_update(self, params: _ContractsNotesUpdateParams) -> HttpRequest:
        """`PUT /api/v2.1/public/contracts/{contract_id}/notes/{note_id}`"""
        ...
    def contracts_obligations_bulk_create(self, params: _ContractsObligationsBulkCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/obligations/bulk/`"""
        ...
    def contracts_obligations_bulk_partial_update(self, params: _ContractsObligationsBulkPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/contracts/{contract_id}/obligations/bulk/`"""
        ...
    def contracts_obligations_create(self, params: _ContractsObligationsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/obligations/`"""
        ...
    def contracts_obligations_destroy(self, params: _ContractsObligationsDestroyParams) -> HttpRequest:
        """`DELETE /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/`"""
        ...
    def contracts_obligations_list(self, params: _ContractsObligationsListParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/obligations/`"""
        ...
    def contracts_obligations_partial_update(self, params: _ContractsObligationsPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/`"""
        ...
    def contracts_obligations_retrieve_by_id(self, params: _ContractsObligationsRetrieveByIdParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/`"""
        ...
    def contracts_preview_create(self, params: _ContractsPreviewCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/preview/`"""
        ...
    def contracts_process_metrics_retrieve(self, params: _ContractsProcessMetricsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/process_metrics/`"""
        ...
    def contracts_questionnaire_responses_retrieve(self, params: _ContractsQuestionnaireResponsesRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/questionnaire/responses/`"""
        ...
    def contracts_recipients_recipient_link_retrieve(self, params: _ContractsRecipientsRecipientLinkRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/recipients/recipient_link/`"""
        ...
    def contracts_recipients_retrieve(self, params: _ContractsRecipientsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{composite_id}/recipients/`"""
        ...
    def contracts_related_contracts_retrieve(self, params: _ContractsRelatedContractsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{contract_id}/related_contracts/`"""
        ...
    def contracts_retrieve(self, params: Optional[_ContractsRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/`"""
        ...
    def contracts_review_request_create(self, params: _ContractsReviewRequestCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/review_request/`"""
        ...
    def contracts_send_to_counterparties_create(self, params: _ContractsSendToCounterpartiesCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/send_to_counterparties`"""
        ...
    def contracts_signatories_resend_email_create(self, params: _ContractsSignatoriesResendEmailCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/signatories/resend_email/`"""
        ...
    def contracts_status_retrieve(self, params: _ContractsStatusRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/contracts/{composite_id}/status`"""
        ...
    def contracts_status_void_create(self, params: _ContractsStatusVoidCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/status/void`"""
        ...
    def contracts_tasks_bulk_create(self, params: _ContractsTasksBulkCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/tasks/bulk/`"""
        ...
    def contracts_uninvite_all_create(self, params: _ContractsUninviteAllCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/uninvite_all/`"""
        ...
    def contracts_uninvite_create(self, params: _ContractsUninviteCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{contract_id}/uninvite/`"""
        ...
    def contracts_unmark_for_execution_create(self, params: _ContractsUnmarkForExecutionCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/{composite_id}/unmark_for_execution`"""
        ...
    def contracts_upload_review_contracts_create(self, params: _ContractsUploadReviewContractsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/upload_review_contracts/`"""
        ...
    def contracts_upload_sign_contracts_create(self, params: _ContractsUploadSignContractsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/upload_sign_contracts/`"""
        ...
    def contracts_webhooks_re_trigger_latest_create(self, params: _ContractsWebhooksReTriggerLatestCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/contracts/webhooks/re_trigger_latest/`"""
        ...
    def counter_parties_addresses_create(self, params: _CounterPartiesAddressesCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/counter_parties/{counterparty_id}/addresses/`"""
        ...
    def counter_parties_addresses_partial_update(self, params: _CounterPartiesAddressesPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/counter_parties/{counterparty_id}/addresses/{address_id}/`"""
        ...
    def counter_parties_addresses_retrieve(self, params: _CounterPartiesAddressesRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/counter_parties/{counterparty_id}/addresses/`"""
        ...
    def counter_parties_contacts_bulk_partial_update(self, params: _CounterPartiesContactsBulkPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/counter_parties/{counterparty_id}/contacts/bulk/`"""
        ...
    def counter_parties_contacts_create(self, params: _CounterPartiesContactsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/counter_parties/{counterparty_id}/contacts`"""
        ...
    def counter_parties_contacts_destroy(self, params: _CounterPartiesContactsDestroyParams) -> HttpRequest:
        """`DELETE /api/v2.1/public/counter_parties/{counterparty_id}/contacts/{contact_id}/`"""
        ...
    def counter_parties_contacts_partial_update(self, params: _CounterPartiesContactsPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/counter_parties/{counterparty_id}/contacts/{contact_id}/`"""
        ...
    def counter_parties_contacts_retrieve(self, params: _CounterPartiesContactsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/counter_parties/{counterparty_id}/contacts`"""
        ...
    def counter_parties_create(self, params: _CounterPartiesCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/counter_parties/`"""
        ...
    def counter_parties_list(self, params: Optional[_CounterPartiesListParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/counter_parties/`"""
        ...
    def counter_parties_partial_update(self, params: _CounterPartiesPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/counter_parties/{counterparty_id}`"""
        ...
    def counter_parties_retrieve_by_id(self, params: _CounterPartiesRetrieveByIdParams) -> HttpRequest:
        """`GET /api/v2.1/public/counter_parties/{counterparty_id}`"""
        ...
    def facets_options_retrieve(self, params: _FacetsOptionsRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/facets/options/{field_name}/`"""
        ...
    def facets_retrieve(self, params: Optional[_FacetsRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/facets/`"""
        ...
    def key_pointers_field_name_mapping_create(self, params: Optional[_KeyPointersFieldNameMappingCreateParams] = None) -> HttpRequest:
        """`POST /api/v2.1/public/key_pointers/field-name-mapping/`"""
        ...
    def key_pointers_retrieve(self, params: _KeyPointersRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/key_pointers/`"""
        ...
    def legal_intake_create(self, params: _LegalIntakeCreateParams) -> HttpRequest:
        """`POST /api/v1/public/legal_intake/`"""
        ...
    def legal_intake_destroy(self, params: _LegalIntakeDestroyParams) -> HttpRequest:
        """`DELETE /api/v1/public/legal_intake/{legal_intake_id}/`"""
        ...
    def legal_intake_partial_update(self, params: _LegalIntakePartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v1/public/legal_intake/{legal_intake_id}/`"""
        ...
    def legal_intake_retrieve(self, params: Optional[_LegalIntakeRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v1/public/legal_intake/`"""
        ...
    def legal_intake_retrieve_2(self, params: _LegalIntakeRetrieve2Params) -> HttpRequest:
        """`GET /api/v1/public/legal_intake/{legal_intake_id}/`"""
        ...
    def obligations_types_list(self, params: Optional[_ObligationsTypesListParams] = None) -> HttpRequest:
        """`GET /api/v1/public/obligations/types/`"""
        ...
    def obligations_types_retrieve_by_id(self, params: _ObligationsTypesRetrieveByIdParams) -> HttpRequest:
        """`GET /api/v1/public/obligations/types/{obligation_type_id}/`"""
        ...
    def organizations_entities_create(self, params: _OrganizationsEntitiesCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/organizations/entities/`"""
        ...
    def organizations_entities_retrieve(self, params: Optional[_OrganizationsEntitiesRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/organizations/entities/`"""
        ...
    def organizations_types_retrieve(self, params: Optional[_OrganizationsTypesRetrieveParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/organizations/types/`"""
        ...
    def sidebar_files_create(self, params: _SidebarFilesCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/sidebar/files/`"""
        ...
    def sidebar_query_create(self, params: _SidebarQueryCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/sidebar/query/`"""
        ...
    def supported_documents_create(self, params: _SupportedDocumentsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/supported_documents/{contract_id}/`"""
        ...
    def templates_list(self, params: Optional[_TemplatesListParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/templates/`"""
        ...
    def templates_metadata_retrieve(self, params: _TemplatesMetadataRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/templates/{template_id}/metadata`"""
        ...
    def templates_partial_update(self, params: _TemplatesPartialUpdateParams) -> HttpRequest:
        """`PATCH /api/v2.1/public/templates/{template_id}/`"""
        ...
    def templates_retrieve_by_id(self, params: _TemplatesRetrieveByIdParams) -> HttpRequest:
        """`GET /api/v2.1/public/templates/{template_id}/`"""
        ...
    def user_tasks_create(self, params: _UserTasksCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/user_tasks/`"""
        ...
    def webhooks_create(self, params: _WebhooksCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/webhooks/`"""
        ...
    def webhooks_destroy(self, params: _WebhooksDestroyParams) -> HttpRequest:
        """`DELETE /api/v2.1/public/webhooks/{webhook_id}`"""
        ...
    def webhooks_hmac_key_get(self, params: Optional[_WebhooksHmacKeyGetParams] = None) -> HttpRequest:
        """`GET /api/v2.1/public/webhooks/hmac_key/`"""
        ...
    def workspace_feature_flags_create(self, params: _WorkspaceFeatureFlagsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/workspace/feature-flags/`"""
        ...
    def workspace_files_retrieve(self, params: _WorkspaceFilesRetrieveParams) -> HttpRequest:
        """`GET /api/v2.1/public/workspace/files/{file_id}/`"""
        ...
    def workspace_files_uploads_create(self, params: _WorkspaceFilesUploadsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/workspace/files/uploads/`"""
        ...
    def workspace_tags_create(self, params: _WorkspaceTagsCreateParams) -> HttpRequest:
        """`POST /api/v2.1/public/workspace/tags/`"""
        ...
    # END operation methods
    # BEGIN call overloads (generated by api/generate.py)
    @overload
    def call(self, operation: Literal['analytics_query_create'], params: _AnalyticsQueryCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_roles_members_create'], params: _AuthRolesMembersCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_roles_members_destroy'], params: _AuthRolesMembersDestroyParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_roles_retrieve'], params: Optional[_AuthRolesRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_users_create'], params: _AuthUsersCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_users_destroy'], params: _AuthUsersDestroyParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_users_partial_update'], params: _AuthUsersPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['auth_users_retrieve'], params: Optional[_AuthUsersRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['clickwrap_agreements_preview_create'], params: _ClickwrapAgreementsPreviewCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['clickwrap_consent_status_create'], params: _ClickwrapConsentStatusCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['clickwrap_execute_create'], params: _ClickwrapExecuteCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['clickwrap_retrieve'], params: _ClickwrapRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contract_types_access_control_create'], params: _ContractTypesAccessControlCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contract_types_entities_retrieve'], params: _ContractTypesEntitiesRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contract_types_intake_form_questionnaire_retrieve'], params: _ContractTypesIntakeFormQuestionnaireRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contract_types_retrieve'], params: Optional[_ContractTypesRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_approvals_create'], params: _ContractsApprovalsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_approvals_retrieve'], params: _ContractsApprovalsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_authorized_users_retrieve'], params: _ContractsAuthorizedUsersRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_business_user_partial_update'], params: _ContractsBusinessUserPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_by_external_metadata_retrieve'], params: _ContractsByExternalMetadataRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_comments_create'], params: _ContractsCommentsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_comments_retrieve'], params: _ContractsCommentsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_content_retrieve'], params: _ContractsContentRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_content_scanned_retrieve'], params: _ContractsContentScannedRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_contract_data_partial_update'], params: _ContractsContractDataPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_contract_relation_create'], params: _ContractsContractRelationCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_contract_version_create'], params: _ContractsContractVersionCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_create'], params: _ContractsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_download_create'], params: _ContractsDownloadCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_download_docx_create'], params: _ContractsDownloadDocxCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_download_link_create'], params: _ContractsDownloadLinkCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_embedded_contracts_counter_party_retrieve'], params: _ContractsEmbeddedContractsCounterPartyRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_executed_contracts_create'], params: _ContractsExecutedContractsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_external_metadata_create'], params: _ContractsExternalMetadataCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_external_metadata_retrieve'], params: _ContractsExternalMetadataRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_intake_form_response_partial_update'], params: _ContractsIntakeFormResponsePartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_invite_create'], params: _ContractsInviteCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_key_pointers_bulk_create'], params: _ContractsKeyPointersBulkCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_key_pointers_partial_update'], params: _ContractsKeyPointersPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_key_pointers_retrieve'], params: _ContractsKeyPointersRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_mark_for_execution_create'], params: _ContractsMarkForExecutionCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_notes_retrieve'], params: _ContractsNotesRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_notes_update'], params: _ContractsNotesUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_bulk_create'], params: _ContractsObligationsBulkCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_bulk_partial_update'], params: _ContractsObligationsBulkPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_create'], params: _ContractsObligationsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_destroy'], params: _ContractsObligationsDestroyParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_list'], params: _ContractsObligationsListParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_partial_update'], params: _ContractsObligationsPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_obligations_retrieve_by_id'], params: _ContractsObligationsRetrieveByIdParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_preview_create'], params: _ContractsPreviewCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_process_metrics_retrieve'], params: _ContractsProcessMetricsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_questionnaire_responses_retrieve'], params: _ContractsQuestionnaireResponsesRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_recipients_recipient_link_retrieve'], params: _ContractsRecipientsRecipientLinkRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_recipients_retrieve'], params: _ContractsRecipientsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_related_contracts_retrieve'], params: _ContractsRelatedContractsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_retrieve'], params: Optional[_ContractsRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_review_request_create'], params: _ContractsReviewRequestCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_send_to_counterparties_create'], params: _ContractsSendToCounterpartiesCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_signatories_resend_email_create'], params: _ContractsSignatoriesResendEmailCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_status_retrieve'], params: _ContractsStatusRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_status_void_create'], params: _ContractsStatusVoidCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_tasks_bulk_create'], params: _ContractsTasksBulkCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_uninvite_all_create'], params: _ContractsUninviteAllCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_uninvite_create'], params: _ContractsUninviteCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_unmark_for_execution_create'], params: _ContractsUnmarkForExecutionCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_upload_review_contracts_create'], params: _ContractsUploadReviewContractsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_upload_sign_contracts_create'], params: _ContractsUploadSignContractsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['contracts_webhooks_re_trigger_latest_create'], params: _ContractsWebhooksReTriggerLatestCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_addresses_create'], params: _CounterPartiesAddressesCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_addresses_partial_update'], params: _CounterPartiesAddressesPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_addresses_retrieve'], params: _CounterPartiesAddressesRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_contacts_bulk_partial_update'], params: _CounterPartiesContactsBulkPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_contacts_create'], params: _CounterPartiesContactsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_contacts_destroy'], params: _CounterPartiesContactsDestroyParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_contacts_partial_update'], params: _CounterPartiesContactsPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_contacts_retrieve'], params: _CounterPartiesContactsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_create'], params: _CounterPartiesCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_list'], params: Optional[_CounterPartiesListParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_partial_update'], params: _CounterPartiesPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['counter_parties_retrieve_by_id'], params: _CounterPartiesRetrieveByIdParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['facets_options_retrieve'], params: _FacetsOptionsRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['facets_retrieve'], params: Optional[_FacetsRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['key_pointers_field_name_mapping_create'], params: Optional[_KeyPointersFieldNameMappingCreateParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['key_pointers_retrieve'], params: _KeyPointersRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['legal_intake_create'], params: _LegalIntakeCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['legal_intake_destroy'], params: _LegalIntakeDestroyParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['legal_intake_partial_update'], params: _LegalIntakePartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['legal_intake_retrieve'], params: Optional[_LegalIntakeRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['legal_intake_retrieve_2'], params: _LegalIntakeRetrieve2Params) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['obligations_types_list'], params: Optional[_ObligationsTypesListParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['obligations_types_retrieve_by_id'], params: _ObligationsTypesRetrieveByIdParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['organizations_entities_create'], params: _OrganizationsEntitiesCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['organizations_entities_retrieve'], params: Optional[_OrganizationsEntitiesRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['organizations_types_retrieve'], params: Optional[_OrganizationsTypesRetrieveParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['sidebar_files_create'], params: _SidebarFilesCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['sidebar_query_create'], params: _SidebarQueryCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['supported_documents_create'], params: _SupportedDocumentsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['templates_list'], params: Optional[_TemplatesListParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['templates_metadata_retrieve'], params: _TemplatesMetadataRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['templates_partial_update'], params: _TemplatesPartialUpdateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['templates_retrieve_by_id'], params: _TemplatesRetrieveByIdParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['user_tasks_create'], params: _UserTasksCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['webhooks_create'], params: _WebhooksCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['webhooks_destroy'], params: _WebhooksDestroyParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['webhooks_hmac_key_get'], params: Optional[_WebhooksHmacKeyGetParams] = None) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['workspace_feature_flags_create'], params: _WorkspaceFeatureFlagsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['workspace_files_retrieve'], params: _WorkspaceFilesRetrieveParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['workspace_files_uploads_create'], params: _WorkspaceFilesUploadsCreateParams) -> HttpRequest: ...
    @overload
    def call(self, operation: Literal['workspace_tags_create'], params: _WorkspaceTagsCreateParams) -> HttpRequest: ...
    # END call overloads
    def request(
        self,
        method: str,
        path: str,
        query: Optional[Union[Mapping[str, str], Iterable[tuple[str, str]]]] = None,
        body: Optional[JsonValue] = None,
    ) -> HttpRequest: ...
    def parse_response(self, request: HttpRequest, status: int, headers: Headers, body: Optional[Body]) -> JsonValue: ...
    def send(self, request: HttpRequest, *, timeout: Optional[float] = None) -> JsonValue: ...
    def send_async(
        self, request: HttpRequest, *, timeout: Optional[float] = None, client: Optional[Any] = None
    ) -> Awaitable[JsonValue]: ...
    def first_page(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> dict[str, Any]: ...
    def next_page(self, operation: str, params: Mapping[str, Any], response: JsonValue) -> Optional[dict[str, Any]]: ...
    def paginate(
        self, operation: str, params: Optional[Mapping[str, Any]] = None, *, timeout: Optional[float] = None
    ) -> Iterator[JsonValue]: ...
    def paginate_async(
        self,
        operation: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Optional[float] = None,
        client: Optional[Any] = None,
    ) -> AsyncIterator[JsonValue]: ...
