#pragma once

#include "domain/album.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace aime {

// Where one provider's part of an online search stands.
enum class SearchState { Searching, Done, Timeout, Failed, NotConfigured };

// One album a provider found: title, artist, year, format, cover URL and exactly one source
// (the provider's id and page). collectionAlbumId is the stored album it already is, or 0.
struct SearchHit
{
    Album album;
    QString provider; // SearchProviders::local, spotify, discogs, musicbrainz
    qint64 collectionAlbumId = 0;

    bool inCollection() const { return collectionAlbumId != 0; }
    QString externalId() const
    {
        return album.sources.isEmpty() ? QString() : album.sources.first().externalId;
    }
    QString url() const { return album.sources.isEmpty() ? QString() : album.sources.first().url; }
};

// One provider's answer so far: its state, what a person should read about it, and its hits in
// the provider's order.
struct ProviderResults
{
    QString provider;
    SearchState state = SearchState::Searching;
    QString message; // why it failed or timed out, or what to configure; empty when done
    qint64 elapsedMs = 0; // from the start of the search to the last change
    QList<SearchHit> hits;
};

// The names and words of Search Online's providers.
class SearchProviders
{
public:
    static constexpr auto local = "local";
    static constexpr auto spotify = "spotify";
    static constexpr auto discogs = "discogs";
    static constexpr auto musicBrainz = "musicbrainz";

    // local first, then the online ones in their default order of preference.
    static QStringList all();
    static QString displayName(const QString &provider);
    // "searching", "done", "timeout", "error", "not_configured" (aime-cli's JSON).
    static QString stateName(SearchState state);
    // The two keys under which two hits are the same album: the barcode, and the folded
    // artist + title. An album is the work, so a year or an edition never tells two apart.
    static QString barcodeKey(const Album &album);
    static QString workKey(const Album &album);
};

} // namespace aime

Q_DECLARE_METATYPE(aime::ProviderResults)
