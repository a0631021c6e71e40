/// One import gives a claim author the framework: the random streams and the typed errors come with it.
@_exported import Randomness
@_exported import Validation
