#include "import/spotifysavedalbumsimport.h"

#include "providers/spotifyclient.h"

#include <memory>

namespace aime {

SpotifySavedAlbumsImport::SpotifySavedAlbumsImport(AlbumStore *store, QThreadPool *pool,
                                                   SpotifyClient *client, ImportJobRecord record,
                                                   QObject *parent)
    : ImportJob(store, pool, std::move(record), parent), m_client(client)
{ }

QString SpotifySavedAlbumsImport::phase() const
{
    return tr("saved albums");
}

void SpotifySavedAlbumsImport::run()
{
    if (!m_client->hasUser()) {
        fail(tr("Connect your Spotify account in Preferences > Accounts first."));
        return;
    }
    fetchPage(qMax(0, record().cursor.value(QStringLiteral("offset")).toInt()));
}

void SpotifySavedAlbumsImport::fetchPage(int offset)
{
    requests().add(m_client->savedAlbums(
        offset, whileRunning([this, offset](const ParseResult<AlbumListPage> &result) {
            if (!result.ok()) {
                fail(result.error);
                return;
            }
            completeTracks(std::make_shared<AlbumListPage>(*result.value), 0, offset);
        })));
}

void SpotifySavedAlbumsImport::completeTracks(std::shared_ptr<AlbumListPage> page, int index,
                                              int offset)
{
    while (index < page->albums.size()) {
        Album &album = page->albums[index];
        const int have = int(album.tracks.size());
        if (have < album.trackCount && !album.sources.isEmpty()) {
            const QUrl next = m_client->albumTracksUrl(album.sources.first().externalId, have);
            requests().add(m_client->albumTracks(
                next,
                whileRunning([this, page, index, offset](const ParseResult<TrackPage> &tracks) {
                    if (!tracks.ok()) {
                        fail(tracks.error);
                        return;
                    }
                    Album &album = page->albums[index];
                    album.tracks += tracks.value->tracks;
                    // A page that brings nothing new ends the list, whatever the count said.
                    const bool more
                        = !tracks.value->tracks.isEmpty() && album.tracks.size() < album.trackCount;
                    completeTracks(page, more ? index : index + 1, offset);
                })));
            return;
        }
        ++index;
    }
    const int count = int(page->albums.size());
    const bool last = page->next.isEmpty() || count == 0;
    const int done = offset + count;
    commit(page->albums,
           {{QStringLiteral("phase"), QStringLiteral("library")}, {QStringLiteral("offset"), done}},
           done, page->total, [this, last, done] {
               if (last)
                   complete();
               else
                   fetchPage(done);
           });
}

} // namespace aime
