"""Exception classes whose messages are German, user-facing and quote the bad value.

Pages catch :class:`AtlasError` (and only it), show the message once and
carry on with whatever data they still have.
"""


class AtlasError(Exception):
    """Base class: ``str(error)`` is a complete German sentence for users.

    ``public`` marks a message already worded for the public (no path, no
    command): pages show it as it is instead of their short generic sentence.
    """

    public: bool = False


class SettingsError(AtlasError):
    """A setting or config file has a value that cannot be used."""


class CityConfigError(AtlasError):
    """The city configuration file is missing or inconsistent."""


class GeodataError(AtlasError):
    """Boundaries could not be fetched, parsed or validated."""


class SchemaError(AtlasError):
    """A resource table does not fit the documented schema."""


class GeocodeError(AtlasError):
    """An address could not be turned into a position."""


class AuthError(AtlasError):
    """Sign-in failed or the users file cannot be used."""


class ExportError(AtlasError):
    """A presentation or download could not be produced."""


class StoreUnavailable(AtlasError):
    """The database cannot be reached or used; the app stays read-only."""


class StaleVersionError(AtlasError):
    """Someone else saved the same place first; the message shows their change."""


class EditError(AtlasError):
    """An edit is not allowed or not valid; ``field`` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
