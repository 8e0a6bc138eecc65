import CLibEdit
import Glibc

extension LineEditor {
    /// One result of reading a byte from the input.
    enum ByteRead {
        case byte(UInt8)
        case endOfInput
        case failed(Int32)
        case interrupted
    }

    /// libedit's EL_GETCFN: reads one character (decoding UTF-8) into `character`. Returns 1, 0 at
    /// end of input, or -1 on error.
    ///
    /// Ctrl-C arrives as SIGINT (libedit leaves ISIG on); the first one during a read comes back as
    /// the character ^C, bound to ``interruptLine(_:)``, which discards the line.
    func readCharacter(_ editLine: OpaquePointer, into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var bytes: [UInt8] = []
        var expected = 1
        while bytes.count < expected {
            let next: ByteRead
            if let pending = pendingByte {
                pendingByte = nil
                next = .byte(pending)
            } else {
                next = readByte(editLine)
            }
            switch next {
            case .byte(let byte) where bytes.isEmpty:
                guard let length = UTF8Sequence.length(lead: byte) else {
                    character.pointee = replacementCharacter
                    return 1
                }
                expected = length
                bytes.append(byte)
            case .byte(let byte) where UTF8Sequence.isContinuation(byte):
                bytes.append(byte)
            case .byte(let byte):
                pendingByte = byte
                character.pointee = replacementCharacter
                return 1
            case .endOfInput:
                guard !bytes.isEmpty else { return 0 }
                character.pointee = replacementCharacter
                return 1
            case .failed(let code):
                errno = code
                return -1
            case .interrupted:
                if interruptState == .none && Terminal.isTerminal(streams.input) {
                    interruptState = .injected
                    character.pointee = 3
                    return 1
                }
                errno = EINTR
                return -1
            }
        }
        character.pointee = wchar_t(bitPattern: UTF8Sequence.decode(bytes).value)
        return 1
    }

    /// Waits for and reads one byte, handling the signals that arrive meanwhile. It polls the input
    /// together with the signal handlers' wake pipe, so a signal taken by any thread, even just
    /// before the wait, ends the wait.
    func readByte(_ editLine: OpaquePointer) -> ByteRead {
        var byte: UInt8 = 0
        while true {
            if signalFlags.interrupt.load(ordering: .sequentiallyConsistent) { return .interrupted }
            if signalFlags.resize.exchange(false, ordering: .sequentiallyConsistent) {
                nexo_el_resize(editLine)
            }
            if signalFlags.suspend.exchange(false, ordering: .sequentiallyConsistent) {
                suspend(editLine)
            }
            if signalFlags.resume.exchange(false, ordering: .sequentiallyConsistent) {
                resume(editLine)
            }
            showNotices(editLine)
            beforeWaiting?()
            var waits = [
                pollfd(fd: streams.input, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalFlags.wakeReader, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&waits, nfds_t(waits.count), -1) < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            if waits[1].revents != 0 {
                signalFlags.drainWakePipe()
                continue
            }
            guard waits[0].revents != 0 else { continue }
            let count = read(streams.input, &byte, 1)
            if count == 1 { return .byte(byte) }
            if count == 0 { return .endOfInput }
            if errno == EINTR || errno == EAGAIN { continue }
            return .failed(errno)
        }
    }

    /// Ctrl-Z: gives the terminal back in its normal mode and stops the process the way SIGTSTP
    /// would have; on `fg`, resumes editing.
    private func suspend(_ editLine: OpaquePointer) {
        nexo_el_prep_term(editLine, 0)
        var stopping = sigset_t()
        sigemptyset(&stopping)
        sigaddset(&stopping, SIGTSTP)
        var mask = sigset_t()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        let previous = installSignalAction(SIGTSTP, action)
        pthread_sigmask(SIG_UNBLOCK, &stopping, &mask)
        kill(getpid(), SIGTSTP) // stops here until SIGCONT
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        restoreSignalAction(previous, for: SIGTSTP)
        signalFlags.resume.store(false, ordering: .sequentiallyConsistent)
        resume(editLine)
    }

    /// After the process was stopped and continued, the shell may have reset the terminal: set it
    /// up for editing again and redraw the line.
    private func resume(_ editLine: OpaquePointer) {
        nexo_el_prep_term(editLine, 0)
        nexo_el_prep_term(editLine, 1)
        nexo_el_refresh(editLine)
    }

    /// The ^C editor function: shows `^C` at the end of the line, then (on the ^C it pushes back)
    /// ends the read; ``readLine(prompt:)`` reports `.interrupted`.
    func interruptLine(_ editLine: OpaquePointer) -> UInt8 {
        if interruptState == .shown {
            interruptState = .finished
            return UInt8(CC_NEWLINE)
        }
        interruptState = .shown
        let info = nexo_el_wline(editLine).pointee
        let toEnd = info.lastchar - info.cursor
        if toEnd > 0 { nexo_el_cursor(editLine, Int32(clamping: toEnd)) }
        WideText.withWide("^C") { _ = nexo_el_winsertstr(editLine, $0) }
        WideText.withWide("\u{03}") { nexo_el_wpush(editLine, $0) }
        return UInt8(CC_REFRESH)
    }
}

private let replacementCharacter = wchar_t(0xFFFD)
