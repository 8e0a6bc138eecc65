// NexoOutput: renders command results (`ResultTable` + message) as text.
//
//   Renderer(format:isTerminal:terminalWidth:) ── table   aligned columns, `N rows` footer
//                                              ├─ json    one array of objects
//                                              ├─ ndjson  one object per line
//                                              ├─ csv     RFC 4180, LF line ends
//                                              └─ tsv     \t \n \r \\ escaped in cells
//
// Output is a pure function of its input: the same result renders to the same bytes.
// Data never reaches a terminal as control sequences (see `Renderer.escapeForTerminal`).
