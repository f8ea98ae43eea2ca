#pragma once

#include "import/importjob.h"
#include "providers/parseresult.h"

#include <QJsonObject>

namespace aime {

class DiscogsClient;
class MusicBrainzClient;
class SpotifyClient;

// "Add to collection" from Search Online: one album with its details (tracks, barcode, label,
// cover URL) from one provider, stored as a small job through the import pipeline, so it has
// progress, cancel and retry like any import. Params {"provider", "id", "title", "artist"}:
// a Spotify album id, a Discogs release id, or a MusicBrainz release MBID (a release-group
// search result names the release to look up). Storing the same album again updates it: it is
// never stored twice.
class SingleAlbumImport : public ImportJob
{
    Q_OBJECT

public:
    static constexpr auto source = "album";

    // The job's params for an album a search found; empty when the provider gives no way to
    // fetch its details (a MusicBrainz release group without releases).
    static QJsonObject paramsFor(const Album &found);

    SingleAlbumImport(AlbumStore *store, QThreadPool *pool, SpotifyClient *spotify,
                      DiscogsClient *discogs, MusicBrainzClient *musicBrainz,
                      ImportJobRecord record, QObject *parent = nullptr);

    QString phase() const override;
    // Added from Search Online, or fetched from the details pane: a person waits for it.
    bool isInteractive() const override { return true; }

protected:
    void run() override;

private:
    void fetchSpotify(const QString &albumId);
    void fetchSpotifyTracks(std::shared_ptr<Album> album, const QUrl &next);
    void store(const Album &album);

    SpotifyClient *m_spotify;
    DiscogsClient *m_discogs;
    MusicBrainzClient *m_musicBrainz;
};

} // namespace aime
