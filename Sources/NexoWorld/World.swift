enum WorldPlaceholder {}
