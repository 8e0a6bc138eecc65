// NexoLanguage: the Nexo command language (DESIGN.md §3).
//
//   source text ──Lexer──▶ [Token] ──Parser──▶ Script ──Binder(specs)──▶ BoundCommand
//                                                  └──Completer(specs)──▶ completion candidates
//
// Everything here is pure Swift over NexoKit's value types: no store, no terminal, no C apart
// from `DirectoryLister` (file-name completion). Errors carry their source position
// (`LocatedError`) and render as `file:line:col: error: …` with the source line and a caret.
