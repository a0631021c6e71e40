/// `ParameterError` and `Require` are part of this module's API: every routine throws them for bad input.
@_exported import Validation
