"""Request and response bodies; they make the OpenAPI document at /openapi.json.

Names are not constrained here on purpose: the core checks them and its 422 names the rule."""

from typing import Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from ansible_collections.armhv.hypervisor.plugins.module_utils._pool.spec import POOL_OPTIONS

Role = Literal['viewer', 'operator', 'admin']
ConfigValue = Union[str, int, bool]


class Body(BaseModel):
    model_config = ConfigDict(extra='forbid')


class ErrorDetail(BaseModel):
    code: str
    message: str
    request_id: str


class Error(BaseModel):
    error: ErrorDetail


class TokenRequest(Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    otp: Optional[str] = Field(None, min_length=1, max_length=64,
                               description='a code from the authenticator app, or a recovery code (once)')


class Otp(Body):
    otp: str = Field(min_length=1, max_length=64)


class Enrolment(BaseModel):
    secret: str = Field(description='base32; an app that cannot scan the QR code takes it typed in')
    uri: str = Field(description='otpauth:// URI (RFC 6238: SHA-1, 30 s, 6 digits)')
    qr_svg: str = Field(description='the URI as a QR code, SVG markup drawn by the service')


class RecoveryCodes(BaseModel):
    recovery_codes: List[str] = Field(description='shown once; each signs in once in place of a code')


class Me(BaseModel):
    username: str
    role: Role
    kind: Literal['user', 'key']
    mfa: bool
    must_enrol: bool


class Token(BaseModel):
    access_token: str
    token_type: Literal['bearer'] = 'bearer'
    expires_in: int


class ApiKeyRequest(Body):
    name: str = Field(min_length=1, max_length=64)
    role: Role
    expires_in: Optional[int] = Field(None, ge=60, le=10 * 365 * 86400)


class ApiKey(BaseModel):
    id: str
    name: str
    role: Role
    created_by: str
    created_at: int
    expires_at: Optional[int] = None
    revoked_at: Optional[int] = None
    replaced_by: Optional[str] = None


class NewApiKey(ApiKey):
    key: str = Field(description='shown once; store it now')
    old_key_valid_until: Optional[int] = None


class UserRequest(Body):
    username: str = Field(min_length=1, max_length=64, pattern=r'^[A-Za-z0-9._@-]+$')
    password: str = Field(min_length=12, max_length=1024)
    role: Role


class PasswordChange(Body):
    old_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=12, max_length=1024)


class UserUpdate(Body):
    role: Optional[Role] = None
    password: Optional[str] = Field(None, min_length=12, max_length=1024)


class User(BaseModel):
    id: str
    username: str
    role: Role
    created_at: int
    mfa: bool = False


class ContainerRequest(Body):
    name: str = Field(max_length=256)
    image: str = Field(min_length=1, max_length=256)
    config: Optional[Dict[str, ConfigValue]] = None
    profiles: Optional[List[str]] = None
    start: bool = False


class Container(BaseModel):
    name: str
    status: str
    type: str
    architecture: Optional[str] = None
    location: Optional[str] = None
    config: Dict[str, str]
    devices: Dict[str, Dict[str, str]]
    profiles: List[str]
    description: str
    ephemeral: bool
    created_at: Optional[str] = None
    addresses: Dict[str, List[str]]


class BridgeRequest(Body):
    name: str = Field(max_length=64)
    addresses: Optional[List[str]] = None
    mtu: Optional[int] = None
    stp: Optional[bool] = None
    ports: Optional[List[str]] = None
    persist: Optional[bool] = None


class Bridge(BaseModel):
    name: str
    ifindex: int
    mtu: int
    mac_address: Optional[str] = None
    stp: bool
    priority: Optional[int] = None
    vlan_filtering: bool
    ports: List[str]
    addresses: List[str]
    operstate: str
    forward_delay: Optional[float] = None
    hello_time: Optional[float] = None
    max_age: Optional[float] = None
    ageing_time: Optional[float] = None
    persisted: Optional[List[str]] = None


class PoolRequest(Body):
    name: str = Field(max_length=256)
    # storage_pool's own choices, so the two cannot drift apart.
    driver: Literal[tuple(POOL_OPTIONS['driver']['choices'])]
    config: Optional[Dict[str, ConfigValue]] = None


class Pool(BaseModel):
    name: str
    driver: str
    status: Optional[str] = None
    description: str
    config: Dict[str, str]
    used_by: List[str]
    space_used: Optional[int] = None
    space_total: Optional[int] = None
    locations: List[str]


class Members(BaseModel):
    enabled: bool
    members: List[Dict[str, object]]


class Health(BaseModel):
    status: str
    version: str


class Ready(BaseModel):
    status: str
    checks: Dict[str, str]


class AuditEntry(BaseModel):
    id: int
    at: int
    actor: str
    action: str
    target: str
    status: int
    request_id: str
    source: str
    detail: Optional[str] = None
