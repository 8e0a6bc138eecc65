import CLibEdit
import Glibc

extension LineEditor {
    /// The libedit editor, created and configured on first use.
    func editor() -> OpaquePointer {
        if let editLine { return editLine }
        _ = utf8Locale
        let input = stream(streams.input, mode: "r")
        let output = stream(streams.output, mode: "w")
        let error = stream(streams.error, mode: "w")
        guard
            let editLine = nexo_el_init_fd(
                programName, input, output, error, streams.input, streams.output, streams.error)
        else { fatalError("libedit could not allocate an editor") }
        self.editLine = editLine
        outputFile = output
        nexo_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        nexo_el_set_signal(editLine, 0)
        WideText.withWide("emacs") { _ = nexo_el_set_editor(editLine, $0) }
        nexo_el_set_getcfn(editLine, readCharacterCallback)
        nexo_el_set_prompt(editLine, promptCallback, wchar_t(bitPattern: promptMarker.value))
        nexo_el_set_history(editLine, libeditHistory)
        addFunction("nexo-complete", help: "Complete the word under the cursor", completeCallback, key: "^I")
        addFunction("nexo-interrupt", help: "Discard the line (Ctrl-C)", interruptCallback, key: "^C")
        bind("^R", to: "em-inc-search-prev")
        bind("\\e[1;5C", to: "em-next-word")
        bind("\\e[1;5D", to: "ed-prev-word")
        nexo_el_source(editLine, nil)
        return editLine
    }

    private func stream(_ fd: Int32, mode: String) -> UnsafeMutablePointer<FILE>? {
        if (STDIN_FILENO...STDERR_FILENO).contains(fd) { return nexo_standard_stream(fd) }
        guard let file = fdopen(dup(fd), mode) else { return nil }
        openedFiles.append(file)
        return file
    }

    private func addFunction(_ name: String, help: String, _ function: nexo_el_func_t, key: String) {
        // libedit keeps the name and help pointers: they live until deinit.
        let wideName = WideText.allocate(name)
        let wideHelp = WideText.allocate(help)
        retainedNames += [wideName, wideHelp]
        nexo_el_set_addfn(editLine, wideName, wideHelp, function)
        bind(key, to: name)
    }

    private func bind(_ key: String, to function: String) {
        WideText.withWide(key) { key in
            WideText.withWide(function) { function in _ = nexo_el_bind_key(editLine, key, function) }
        }
    }
}

/// libedit reads and prints wide characters through the C library, which needs a UTF-8 LC_CTYPE:
/// the user's locale if it is UTF-8, else C.UTF-8. Set once, before the first editor is made.
private let utf8Locale: Bool = {
    func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        return String(cString: codeset) == "UTF-8"
    }
    if setlocale(LC_CTYPE, "") != nil, isUTF8() { return true }
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil && isUTF8() {
        return true
    }
    return false
}()

/// The editor a libedit callback belongs to (EL_CLIENTDATA holds it, unretained: the editor owns
/// the EditLine and outlives every callback).
func lineEditor(of editLine: OpaquePointer?) -> LineEditor? {
    guard let editLine, let data = nexo_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
}

private func promptCallback(_ editLine: OpaquePointer?) -> UnsafeMutablePointer<wchar_t>? {
    lineEditor(of: editLine)?.prompt
}

private func readCharacterCallback(_ editLine: OpaquePointer?, _ character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let editLine, let character, let editor = lineEditor(of: editLine) else { return -1 }
    return editor.readCharacter(editLine, into: character)
}

private func completeCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editLine, let editor = lineEditor(of: editLine) else { return UInt8(CC_ERROR) }
    return editor.completeWord(editLine)
}

private func interruptCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editLine, let editor = lineEditor(of: editLine) else { return UInt8(CC_ERROR) }
    return editor.interruptLine(editLine)
}
