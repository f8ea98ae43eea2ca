#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace aime {

struct Track
{
    int disc = 1;
    int position = 0;
    QString title;
    qint64 durationMs = 0;

    friend bool operator==(const Track &, const Track &) = default;
};

// One owned release or service entry of an album (DESIGN.md section 4). Fields that only some
// providers know (catalogue number, rating, folder, the CSV's "Collection ..." columns) ride
// along so an export can give back what an import took in.
struct SourceRef
{
    QString provider; // "discogs", "spotify", "musicbrainz", "local"
    QString externalId; // provider's id; empty for a local entry without one
    QString url;
    QString format;
    QString barcode;
    QString label;
    QString catalogNumber;
    int rating = 0; // 0 = unrated, 1..5
    QString folder;
    QDateTime addedAt; // when the user added it at the provider
    QDateTime fetchedAt;
    QJsonObject extra; // "Collection ..." columns and anything else worth keeping verbatim

    friend bool operator==(const SourceRef &, const SourceRef &) = default;
};

struct Album
{
    qint64 id = 0;
    QString title;
    QString artist;
    int year = 0; // 0 = unknown
    QString releaseDate;
    QString label;
    QStringList genres;
    QString barcode;
    QString format;
    int trackCount = 0;
    QString coverUrl;
    QString coverFile;
    QString aiDescription;
    QString aiModel;
    QDateTime aiGeneratedAt; // when the model wrote it, or the person last edited it
    bool aiEdited = false; // the person's words, not the model's
    QDateTime addedAt;
    QDateTime updatedAt;
    QList<Track> tracks;
    QList<SourceRef> sources;
};

// What the grid needs for one cell: small, cheap to copy, no tracks or sources.
struct AlbumSummary
{
    qint64 id = 0;
    QString title;
    QString artist;
    int year = 0;
    QString format;
    QString coverFile;
    QDateTime addedAt;
    QString coverUrl; // the image the album's provider named
    QString musicBrainzRelease; // for the Cover Art Archive; empty when none is known
};

} // namespace aime

Q_DECLARE_METATYPE(aime::Album)
Q_DECLARE_METATYPE(aime::AlbumSummary)
