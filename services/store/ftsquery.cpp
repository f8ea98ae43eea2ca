#include "store/ftsquery.h"

#include "domain/albumidentity.h"

#include <QStringList>

namespace aime {

QString FtsQuery::fromUserText(const QString &text)
{
    // Split as the tokenizer splits, the terms match what was indexed and carry no syntax.
    QStringList terms = words(text);
    for (QString &term : terms)
        term = u'"' + AlbumIdentity::spelledOut(term.toLower()) + QStringLiteral("\"*");
    return terms.join(u' ');
}

QStringList FtsQuery::words(const QString &text)
{
    QStringList words;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty())
            words.append(word);
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing)
            word += c;
        else
            flush();
    }
    flush();
    return words;
}

} // namespace aime
