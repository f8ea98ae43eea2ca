#pragma once

#include "import/importjob.h"
#include "providers/parseresult.h"

#include <memory>

namespace aime {

class SpotifyClient;

// Import > Spotify saved albums (issue 4): /v1/me/albums in pages of 50; an album whose
// embedded tracks page is not its whole tracklist gets the rest from its tracks pages before
// the page is stored, so every stored album is complete. Cursor {"phase": "library",
// "offset": N}. Needs a connected Spotify user.
class SpotifySavedAlbumsImport : public ImportJob
{
    Q_OBJECT

public:
    static constexpr auto source = "spotify";

    SpotifySavedAlbumsImport(AlbumStore *store, QThreadPool *pool, SpotifyClient *client,
                             ImportJobRecord record, QObject *parent = nullptr);

    QString phase() const override;

protected:
    void run() override;

private:
    void fetchPage(int offset);
    // Fetches the missing tracks of page->albums[index] and of the albums after it, then stores
    // the page.
    void completeTracks(std::shared_ptr<AlbumListPage> page, int index, int offset);

    SpotifyClient *m_client;
};

} // namespace aime
