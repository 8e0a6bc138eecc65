// NexoLanguage: the Nexo command language (DESIGN.md §3).
//
//   source text ──Lexer──▶ [Token] ──Parser──▶ Script ──Binder(specs)──▶ BoundCommand
//                                                  └──Completer(specs)──▶ completion candidates
//
// Everything here is pure Swift over NexoKit's value types: no store, no terminal, no C. The host
// supplies what needs the system: entity resolution, the home directory, directory listings.
// It lives in the SDK package (a product, not part of the NexoKit library) so that the host and
// NexoKitTesting bind commands with this one binder. Errors carry their source position
// (`LocatedError`) and render as `file:line:col: error: …` with the source line and a caret.
