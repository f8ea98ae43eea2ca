#include "import/singlealbumimport.h"

#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/musicbrainzparser.h"
#include "providers/spotifyclient.h"

#include <QJsonArray>

#include <memory>

namespace aime {

namespace {

QString param(const ImportJobRecord &record, const char *name)
{
    return record.params.value(QLatin1String(name)).toString();
}

} // namespace

QJsonObject SingleAlbumImport::paramsFor(const Album &found)
{
    if (found.sources.isEmpty())
        return {};
    const SourceRef &source = found.sources.first();
    QString id = source.externalId;
    if (source.provider == u"musicbrainz") {
        // A release-group result: its first (official) release carries the tracks.
        const QJsonArray releases = source.extra.value(MusicBrainzParser::releasesKey).toArray();
        id = releases.isEmpty() ? QString() : releases.first().toString();
    }
    if (id.isEmpty() || source.provider.isEmpty())
        return {};
    return {{QStringLiteral("provider"), source.provider},
            {QStringLiteral("id"), id},
            {QStringLiteral("title"), found.title},
            {QStringLiteral("artist"), found.artist}};
}

SingleAlbumImport::SingleAlbumImport(AlbumStore *store, QThreadPool *pool, SpotifyClient *spotify,
                                     DiscogsClient *discogs, MusicBrainzClient *musicBrainz,
                                     ImportJobRecord record, QObject *parent)
    : ImportJob(store, pool, std::move(record), parent),
      m_spotify(spotify),
      m_discogs(discogs),
      m_musicBrainz(musicBrainz)
{ }

QString SingleAlbumImport::phase() const
{
    return tr("album details");
}

void SingleAlbumImport::run()
{
    if (record().cursor.value(QStringLiteral("stored")).toBool()) {
        complete();
        return;
    }
    const QString provider = param(record(), "provider");
    const QString id = param(record(), "id");
    if (id.isEmpty()) {
        fail(tr("The search result names no album to fetch."));
        return;
    }
    const auto stored = whileRunning([this](const ParseResult<Album> &result) {
        if (!result.ok()) {
            fail(result.error);
            return;
        }
        store(*result.value);
    });
    if (provider == u"spotify" && m_spotify) {
        fetchSpotify(id);
    } else if (provider == u"discogs" && m_discogs) {
        bool numeric = false;
        const qint64 releaseId = id.toLongLong(&numeric);
        if (!numeric) {
            fail(tr("\"%1\" is not a Discogs release id.").arg(id));
            return;
        }
        requests().add(m_discogs->release(releaseId, stored));
    } else if (provider == u"musicbrainz" && m_musicBrainz) {
        requests().add(m_musicBrainz->release(id, stored));
    } else {
        fail(tr("AIME cannot add albums from \"%1\".").arg(provider));
    }
}

void SingleAlbumImport::fetchSpotify(const QString &albumId)
{
    requests().add(
        m_spotify->album(albumId, whileRunning([this](const ParseResult<SpotifyAlbum> &result) {
                             if (!result.ok()) {
                                 fail(result.error);
                                 return;
                             }
                             fetchSpotifyTracks(std::make_shared<Album>(result.value->album),
                                                result.value->tracksNext);
                         })));
}

void SingleAlbumImport::fetchSpotifyTracks(std::shared_ptr<Album> album, const QUrl &next)
{
    if (next.isEmpty()) {
        store(*album);
        return;
    }
    requests().add(m_spotify->albumTracks(
        next, whileRunning([this, album](const ParseResult<TrackPage> &page) {
            if (!page.ok()) {
                fail(page.error);
                return;
            }
            album->tracks += page.value->tracks;
            // A page that brings nothing new ends the list, whatever its "next" says.
            fetchSpotifyTracks(album, page.value->tracks.isEmpty() ? QUrl() : page.value->next);
        })));
}

void SingleAlbumImport::store(const Album &album)
{
    commit({album}, {{QStringLiteral("stored"), true}}, 1, 1, [this] { complete(); });
}

} // namespace aime
