import AAPCLI
import Foundation

exit(AapMain.run(Array(CommandLine.arguments.dropFirst())))
