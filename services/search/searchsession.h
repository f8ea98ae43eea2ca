#pragma once

#include "providers/parseresult.h"
#include "search/searchresults.h"
#include "search/searchsettings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

class QThreadPool;

namespace aime {

class AlbumStore;
class DiscogsClient;
class MusicBrainzClient;
class SpotifyClient;

// What a search session reaches; any client may be null (that provider is "not configured").
struct SearchServices
{
    AlbumStore *store = nullptr;
    QThreadPool *pool = nullptr;
    SpotifyClient *spotify = nullptr;
    DiscogsClient *discogs = nullptr;
    MusicBrainzClient *musicBrainz = nullptr;
};

// One Search Online query (DESIGN.md section 3): one request per provider (three pages of ten
// for Spotify) through the providers' gates, all at once; each answer is parsed and matched
// against the collection on the pool and reported the moment it is ready. Every provider has
// its own deadline and the session one for all; a provider that fails or times out is reported
// as such and never holds back the others. cancel() aborts what is still running and silences
// the session: nothing of it is reported afterwards.
class SearchSession : public QObject
{
    Q_OBJECT

public:
    static constexpr int spotifyPages = 3; // Spotify's pages are 10 long; 30 results are enough
    static constexpr int localLimit = 50;

    SearchSession(SearchServices services, QString query, QStringList providers,
                  SearchTimeouts timeouts, QObject *parent = nullptr);
    ~SearchSession() override;

    const QString &query() const { return m_query; }
    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    // Every provider's state and hits so far, in the order the session was given.
    QList<ProviderResults> results() const;
    // Whether at least one provider answered (aime-cli's exit code).
    bool anyAnswered() const;

Q_SIGNALS:
    // A provider's state changed or it has more hits; `results` holds all of its hits so far.
    void providerChanged(const aime::ProviderResults &results);
    // Every provider has answered, failed or timed out.
    void finished();

private:
    struct Run;

    Run *find(const QString &provider) const;
    void startLocal(Run &run);
    void startOnline(Run &run);
    void partArrived(const QString &provider, int order, const ParseResult<AlbumListPage> &page);
    void partMatched(const QString &provider, int order, const QList<Album> &albums,
                     const QList<qint64> &collectionIds);
    void partFailed(Run &run, const QString &message);
    void partDone(Run &run);
    QString noAnswerInTime(const QString &provider) const;
    void settle(Run &run, SearchState state, const QString &message);
    void checkFinished();

    SearchServices m_services;
    QString m_query;
    SearchTimeouts m_timeouts;
    std::vector<std::unique_ptr<Run>> m_runs;
    QElapsedTimer m_clock;
    QTimer m_totalDeadline;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace aime
