#include "search/searchresults.h"

#include "domain/albumidentity.h"

#include <QCoreApplication>

namespace aime {

QStringList SearchProviders::all()
{
    return {QLatin1String(local), QLatin1String(spotify), QLatin1String(discogs),
            QLatin1String(musicBrainz)};
}

QString SearchProviders::displayName(const QString &provider)
{
    if (provider == QLatin1String(local))
        return QCoreApplication::translate("SearchProviders", "Your collection");
    if (provider == QLatin1String(spotify))
        return QStringLiteral("Spotify");
    if (provider == QLatin1String(discogs))
        return QStringLiteral("Discogs");
    if (provider == QLatin1String(musicBrainz))
        return QStringLiteral("MusicBrainz");
    return provider;
}

QString SearchProviders::stateName(SearchState state)
{
    switch (state) {
    case SearchState::Searching:
        return QStringLiteral("searching");
    case SearchState::Done:
        return QStringLiteral("done");
    case SearchState::Timeout:
        return QStringLiteral("timeout");
    case SearchState::Failed:
        return QStringLiteral("error");
    case SearchState::NotConfigured:
        return QStringLiteral("not_configured");
    }
    return {};
}

QString SearchProviders::barcodeKey(const Album &album)
{
    QString barcode = AlbumIdentity::normalisedBarcode(album.barcode);
    for (const SourceRef &source : album.sources) {
        if (barcode.isEmpty())
            barcode = AlbumIdentity::normalisedBarcode(source.barcode);
    }
    return barcode;
}

QString SearchProviders::workKey(const Album &album)
{
    const QString artist = AlbumIdentity::normalisedArtist(album.artist);
    const QString title = AlbumIdentity::normalisedTitle(album.title);
    if (artist.isEmpty() || title.isEmpty())
        return {};
    return artist + u'\x1f' + title;
}

} // namespace aime
