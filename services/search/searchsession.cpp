#include "search/searchsession.h"

#include "core/futurecallback.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/requestgroup.h"
#include "providers/spotifyclient.h"
#include "store/albumstore.h"

#include <QLoggingCategory>
#include <QMap>
#include <QPointer>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcSearch, "aime.search")

namespace aime {

struct SearchSession::Run
{
    ProviderResults results;
    QTimer deadline;
    RequestGroup requests;
    int pendingParts = 0; // requests (or the local query) not yet answered and matched
    QMap<int, QList<SearchHit>> parts; // by the part's order (its offset)
    QString firstError;

    bool ended() const { return results.state != SearchState::Searching; }
};

SearchSession::SearchSession(SearchServices services, QString query, QStringList providers,
                             SearchTimeouts timeouts, QObject *parent)
    : QObject(parent),
      m_services(services),
      m_query(std::move(query).simplified()),
      m_timeouts(timeouts)
{
    providers.removeDuplicates();
    for (const QString &provider : std::as_const(providers)) {
        auto run = std::make_unique<Run>();
        run->results.provider = provider;
        run->deadline.setSingleShot(true);
        // A coarse timer may fire 5 % early; "timed out after 10 s" must mean 10 s.
        run->deadline.setTimerType(Qt::PreciseTimer);
        m_runs.push_back(std::move(run));
    }
    m_totalDeadline.setSingleShot(true);
    m_totalDeadline.setTimerType(Qt::PreciseTimer);
    connect(&m_totalDeadline, &QTimer::timeout, this, [this] {
        const QString message
            = tr("The search gave up after %1 s.").arg(double(m_timeouts.total.count()) / 1000.0);
        for (const auto &run : m_runs) {
            if (!run->ended())
                settle(*run, SearchState::Timeout, message);
        }
    });
}

SearchSession::~SearchSession()
{
    // The runs' request groups cancel what is still in flight as they go.
    m_cancelled = true;
}

SearchSession::Run *SearchSession::find(const QString &provider) const
{
    for (const auto &run : m_runs) {
        if (run->results.provider == provider)
            return run.get();
    }
    return nullptr;
}

QList<ProviderResults> SearchSession::results() const
{
    QList<ProviderResults> all;
    for (const auto &run : m_runs)
        all.append(run->results);
    return all;
}

bool SearchSession::anyAnswered() const
{
    for (const auto &run : m_runs) {
        if (run->results.state == SearchState::Done)
            return true;
    }
    return false;
}

void SearchSession::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    m_totalDeadline.start(m_timeouts.total);
    qCInfo(lcSearch).noquote() << "searching" << m_runs.size() << "providers for" << m_query;
    for (const auto &run : m_runs) {
        if (m_cancelled)
            return;
        if (run->results.provider == QLatin1String(SearchProviders::local))
            startLocal(*run);
        else
            startOnline(*run);
    }
    checkFinished();
}

void SearchSession::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    m_totalDeadline.stop();
    for (const auto &run : m_runs) {
        run->deadline.stop();
        run->requests.cancelAll();
    }
}

void SearchSession::startLocal(Run &run)
{
    if (!m_services.store || !m_services.pool) {
        settle(run, SearchState::NotConfigured, tr("No collection is open."));
        return;
    }
    if (m_query.isEmpty()) {
        settle(run, SearchState::Done, {});
        return;
    }
    const QString provider = run.results.provider;
    run.pendingParts = 1;
    connect(&run.deadline, &QTimer::timeout, this, [this, provider] {
        if (Run *late = find(provider); late && !late->ended())
            settle(*late, SearchState::Timeout,
                   tr("Your collection gave no answer within %1 s.")
                       .arg(double(m_timeouts.local.count()) / 1000.0));
    });
    run.deadline.start(m_timeouts.local);
    AlbumStore *store = m_services.store;
    const AlbumQuery query {m_query, AlbumSort::Artist};
    onFinished(QtConcurrent::run(
                   m_services.pool,
                   [store, query] { return store->summaries(query, PageCursor(), localLimit); }),
               this, [this, provider](const SummaryPage &page) {
                   Run *run = find(provider);
                   if (m_cancelled || !run || run->ended())
                       return;
                   if (!page.error.isEmpty()) {
                       partFailed(*run, page.error);
                       return;
                   }
                   QList<SearchHit> hits;
                   hits.reserve(page.rows.size());
                   for (const AlbumSummary &row : page.rows) {
                       SearchHit hit;
                       hit.provider = provider;
                       hit.collectionAlbumId = row.id;
                       hit.album.id = row.id;
                       hit.album.title = row.title;
                       hit.album.artist = row.artist;
                       hit.album.year = row.year;
                       hit.album.format = row.format;
                       hit.album.coverFile = row.coverFile;
                       SourceRef source;
                       source.provider = provider;
                       source.externalId = QString::number(row.id);
                       hit.album.sources = {source};
                       hits.append(hit);
                   }
                   run->parts.insert(0, hits);
                   partDone(*run);
               });
}

void SearchSession::startOnline(Run &run)
{
    const QString provider = run.results.provider;
    const auto notConfigured
        = [&](const QString &message) { settle(run, SearchState::NotConfigured, message); };
    // A cancelled request still answers (as cancelled) from the event loop, possibly after the
    // session is gone.
    const auto receiver = [this, provider](int order) {
        return [session = QPointer<SearchSession>(this), provider,
                order](const ParseResult<AlbumListPage> &page) {
            if (session)
                session->partArrived(provider, order, page);
        };
    };

    QList<GateReply *> sent;
    if (provider == QLatin1String(SearchProviders::spotify)) {
        if (!m_services.spotify || !m_services.spotify->canSearch())
            return notConfigured(tr("Connect Spotify, or give its Client ID and Client Secret, "
                                    "in Preferences > Accounts."));
        if (m_query.isEmpty())
            return settle(run, SearchState::Done, {});
        for (int page = 0; page < spotifyPages; ++page) {
            const int offset = page * SpotifyClient::searchPageSize;
            sent.append(m_services.spotify->search(m_query, offset, receiver(offset)));
        }
    } else if (provider == QLatin1String(SearchProviders::discogs)) {
        if (!m_services.discogs || !m_services.discogs->hasToken())
            return notConfigured(tr("Discogs searches only with a personal access token: add "
                                    "yours in Preferences > Accounts."));
        if (m_query.isEmpty())
            return settle(run, SearchState::Done, {});
        sent.append(m_services.discogs->search(m_query, 1, receiver(0)));
    } else if (provider == QLatin1String(SearchProviders::musicBrainz)) {
        if (!m_services.musicBrainz)
            return notConfigured(tr("MusicBrainz is not available."));
        if (m_query.isEmpty())
            return settle(run, SearchState::Done, {});
        sent.append(m_services.musicBrainz->searchReleaseGroups(m_query, 0, receiver(0)));
    } else {
        return notConfigured(tr("AIME does not know the provider \"%1\".").arg(provider));
    }

    // Set before any answer can arrive: a refused request answers from the event loop.
    run.pendingParts = int(sent.size());
    for (GateReply *reply : std::as_const(sent))
        run.requests.add(reply);
    connect(&run.deadline, &QTimer::timeout, this, [this, provider] {
        if (Run *late = find(provider); late && !late->ended())
            settle(*late, SearchState::Timeout, noAnswerInTime(provider));
    });
    run.deadline.start(m_timeouts.provider);
}

void SearchSession::partArrived(const QString &provider, int order,
                                const ParseResult<AlbumListPage> &page)
{
    Run *run = find(provider);
    if (m_cancelled || !run || run->ended())
        return;
    if (!page.ok()) {
        // The gate's deadline and the search's are both 10 s by default: a provider that gave
        // no answer in time has timed out, whichever of the two noticed first.
        if (page.timedOut)
            settle(*run, SearchState::Timeout, noAnswerInTime(provider));
        else
            partFailed(*run, page.error);
        return;
    }
    QList<Album> albums = page.value->albums;
    if (!m_services.store || !m_services.pool) {
        partMatched(provider, order, albums, {});
        return;
    }
    AlbumStore *store = m_services.store;
    onFinished(QtConcurrent::run(m_services.pool,
                                 [store, albums] {
                                     QString error;
                                     QList<qint64> ids = store->collectionMatches(albums, &error);
                                     if (!error.isEmpty())
                                         qCWarning(lcSearch).noquote()
                                             << "cannot tell which results are in the "
                                                "collection:"
                                             << error;
                                     return ids;
                                 }),
               this, [this, provider, order, albums](const QList<qint64> &ids) {
                   partMatched(provider, order, albums, ids);
               });
}

void SearchSession::partMatched(const QString &provider, int order, const QList<Album> &albums,
                                const QList<qint64> &collectionIds)
{
    Run *run = find(provider);
    if (m_cancelled || !run || run->ended())
        return;
    QList<SearchHit> hits;
    hits.reserve(albums.size());
    for (qsizetype i = 0; i < albums.size(); ++i) {
        SearchHit hit;
        hit.album = albums.at(i);
        hit.provider = provider;
        hit.collectionAlbumId = i < collectionIds.size() ? collectionIds.at(i) : 0;
        hits.append(hit);
    }
    run->parts.insert(order, hits);
    partDone(*run);
}

void SearchSession::partFailed(Run &run, const QString &message)
{
    if (run.firstError.isEmpty())
        run.firstError = message;
    partDone(run);
}

void SearchSession::partDone(Run &run)
{
    --run.pendingParts;
    run.results.hits.clear();
    for (const QList<SearchHit> &part : std::as_const(run.parts))
        run.results.hits += part;
    if (run.pendingParts > 0) {
        run.results.elapsedMs = m_clock.elapsed();
        Q_EMIT providerChanged(run.results);
        return;
    }
    if (run.parts.isEmpty())
        settle(run, SearchState::Failed, run.firstError);
    else
        settle(run, SearchState::Done,
               run.firstError.isEmpty() ? QString()
                                        : tr("Some results are missing: %1").arg(run.firstError));
}

QString SearchSession::noAnswerInTime(const QString &provider) const
{
    return tr("%1 gave no answer within %2 s.")
        .arg(SearchProviders::displayName(provider))
        .arg(double(m_timeouts.provider.count()) / 1000.0);
}

void SearchSession::settle(Run &run, SearchState state, const QString &message)
{
    if (m_cancelled || run.ended())
        return;
    run.results.state = state;
    run.results.message = message;
    run.results.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    run.deadline.stop();
    // Late answers are ignored (the run has ended); their requests are not needed any more.
    run.requests.cancelAll();
    if (state != SearchState::Done)
        qCInfo(lcSearch).noquote()
            << run.results.provider << SearchProviders::stateName(state) << message;
    Q_EMIT providerChanged(run.results);
    checkFinished();
}

void SearchSession::checkFinished()
{
    if (m_finished || m_cancelled || !m_started)
        return;
    for (const auto &run : m_runs) {
        if (!run->ended())
            return;
    }
    m_finished = true;
    m_totalDeadline.stop();
    Q_EMIT finished();
}

} // namespace aime
