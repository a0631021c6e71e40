@_exported import Randomness
@_exported import Validation
