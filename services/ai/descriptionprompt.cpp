#include "ai/descriptionprompt.h"

#include <QJsonObject>
#include <QStringList>

#include <algorithm>

namespace aime {

namespace {

QString duration(qint64 ms)
{
    const qint64 seconds = (ms + 500) / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString providerName(const QString &provider)
{
    if (provider == u"discogs")
        return QStringLiteral("Discogs");
    if (provider == u"spotify")
        return QStringLiteral("Spotify");
    if (provider == u"musicbrainz")
        return QStringLiteral("MusicBrainz");
    return QStringLiteral("a file the collector imported");
}

} // namespace

QString DescriptionPrompt::systemPrompt()
{
    return QStringLiteral(
        "You write short descriptions of music albums for a collector's catalogue. Write three "
        "to five sentences of plain text in English: no headings, lists, markdown, HTML or "
        "links. Use only the facts given by the user. Do not state anything that the facts do "
        "not say: no chart positions, sales, awards, reviews, personnel, recording history or "
        "influence. If the facts are few, write fewer and more general sentences about what "
        "they do say (the artist, the year, the label, the format, the genres and the songs) "
        "rather than adding anything.");
}

QString DescriptionPrompt::facts(const Album &album)
{
    QStringList lines;
    const auto add = [&lines](const QString &label, const QString &value) {
        if (!value.trimmed().isEmpty())
            lines.append(label + QStringLiteral(": ") + value.trimmed());
    };
    add(QStringLiteral("Artist"), album.artist);
    add(QStringLiteral("Title"), album.title);
    add(QStringLiteral("Year"), album.year > 0 ? QString::number(album.year) : QString());
    if (album.releaseDate.size() > 4)
        add(QStringLiteral("Release date"), album.releaseDate);
    add(QStringLiteral("Label"), album.label);
    add(QStringLiteral("Format"), album.format);
    // The store keeps Discogs' styles with the genres.
    add(QStringLiteral("Genres and styles"), album.genres.join(QStringLiteral(", ")));
    QStringList sources;
    for (const SourceRef &source : album.sources) {
        QString text = providerName(source.provider);
        if (!source.format.isEmpty())
            text += QStringLiteral(" (%1)").arg(source.format);
        if (!sources.contains(text))
            sources.append(text);
    }
    add(QStringLiteral("Known from"), sources.join(QStringLiteral("; ")));
    if (!album.tracks.isEmpty()) {
        const bool severalDiscs = std::any_of(album.tracks.cbegin(), album.tracks.cend(),
                                              [](const Track &track) { return track.disc > 1; });
        lines.append(QStringLiteral("Tracklist:"));
        // A box set's hundreds of tracks would crowd out the instructions in a small context.
        constexpr qsizetype shownTracks = 40;
        for (const Track &track : album.tracks.first(qMin(shownTracks, album.tracks.size()))) {
            QString line = severalDiscs
                ? QStringLiteral("%1-%2. %3").arg(track.disc).arg(track.position).arg(track.title)
                : QStringLiteral("%1. %2").arg(track.position).arg(track.title);
            if (track.durationMs > 0)
                line += QStringLiteral(" (%1)").arg(duration(track.durationMs));
            lines.append(line);
        }
        if (album.tracks.size() > shownTracks)
            lines.append(
                QStringLiteral("... and %1 more tracks").arg(album.tracks.size() - shownTracks));
    } else if (album.trackCount > 0) {
        add(QStringLiteral("Tracks"), QString::number(album.trackCount));
    }
    return lines.join(u'\n');
}

QJsonArray DescriptionPrompt::messages(const Album &album)
{
    return {QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
                         {QStringLiteral("content"), systemPrompt()}},
            QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"),
                          QStringLiteral("Describe the album \"%1\" by %2 from these facts.\n\n%3")
                              .arg(album.title, album.artist, facts(album))}}};
}

QString DescriptionPrompt::usableText(const QString &answer, bool truncated)
{
    QString text = answer.trimmed();
    if (!truncated || text.isEmpty())
        return text;
    // A description cut mid-sentence ends at its last full stop, question or exclamation mark.
    qsizetype end = -1;
    for (const QChar mark : {u'.', u'!', u'?'})
        end = qMax(end, text.lastIndexOf(mark));
    return end < 0 ? QString() : text.left(end + 1);
}

} // namespace aime
