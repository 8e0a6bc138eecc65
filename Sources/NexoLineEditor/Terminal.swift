import CLibEdit
import Glibc

/// Facts about the terminal a file descriptor is connected to.
public enum Terminal {
    /// Whether `fd` is a terminal (isatty(3)).
    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// The terminal's width in columns (ioctl TIOCGWINSZ), or nil when `fd` is not a terminal or
    /// the terminal does not say.
    public static func width(_ fd: Int32) -> Int? {
        let columns = nexo_terminal_columns(fd)
        return columns > 0 ? Int(columns) : nil
    }

    /// The terminal's height in rows (ioctl TIOCGWINSZ), or nil when `fd` is not a terminal or the
    /// terminal does not say.
    public static func height(_ fd: Int32) -> Int? {
        let rows = nexo_terminal_rows(fd)
        return rows > 0 ? Int(rows) : nil
    }
}
