#pragma once

#include "domain/album.h"

#include <QJsonArray>
#include <QString>

namespace aime {

// What AIME asks the model for an album's description: a system prompt that allows nothing
// beyond the facts, and the facts the store holds (artist, title, year, label, format, genres,
// tracklist, sources). The same text is shown under "Why this text", so a person can see what
// the model was given.
class DescriptionPrompt
{
public:
    // Three to five sentences are about 120 words; the cap leaves room without inviting more.
    static constexpr int maxTokens = 320;

    static QString systemPrompt();
    // One fact a line, "Label: value"; unknown facts are left out rather than guessed.
    static QString facts(const Album &album);
    static QJsonArray messages(const Album &album);
    // What is kept of an answer: trimmed, and when it was cut at max_tokens, up to its last
    // whole sentence. Empty when nothing usable remains.
    static QString usableText(const QString &answer, bool truncated);
};

} // namespace aime
