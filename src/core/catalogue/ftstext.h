#pragma once

#include <QString>

// Text for SQLite FTS5 (unicode61 tokenizer) and the MATCH expressions that search it.
// unicode61 splits on spaces and punctuation only, so a Chinese or Japanese sentence would be
// one token and a word inside it could never be found: indexable() puts each CJK character
// on its own, and matchExpression() turns a CJK run into a phrase of its characters, which
// matches exactly where they stand next to each other.
namespace FtsText {

// The text as it is stored in an FTS5 column.
QString indexable(const QString &text);

// What a person typed in a search box, as a MATCH expression that cannot be a syntax
// error: every word is a quoted term (operators like OR, NEAR, "-", "*" are plain text),
// the last one a prefix, all required. Empty when nothing searchable was typed.
QString matchExpression(const QString &userText);

} // namespace FtsText
