#pragma once

#include <QString>
#include <QStringList>

namespace aime {

// Turns what a person types into an FTS5 MATCH expression that cannot be a syntax error: every
// word becomes a quoted prefix term ("word"*), the terms are AND-ed, and FTS operators, quotes,
// brackets and column filters in the text are taken as plain words.
class FtsQuery
{
public:
    // Empty when the text holds no searchable word (the caller then shows everything).
    static QString fromUserText(const QString &text);
    // The words of the text as the unicode61 tokenizer splits it (at anything that is not a
    // letter, digit or combining mark).
    static QStringList words(const QString &text);
};

} // namespace aime
