import DXCommands

/// The executable only hands over to the commands library (which tests drive directly).
/// An explicit async `main` makes sure ArgumentParser's async entry point is the one
/// chosen; at top level Swift would silently pick the synchronous one.
@main
enum Entry {
    static func main() async {
        await Dxtrack.main()
    }
}
