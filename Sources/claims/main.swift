import ClaimsCLI
import Foundation

exit(ClaimsCLI.main(Array(CommandLine.arguments.dropFirst()), console: .standard))
