#include "ai/describealbumsjob.h"

#include "core/futurecallback.h"
#include "providers/gatereply.h"
#include "store/albumstore.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QtConcurrent>

namespace aime {

namespace {

Q_LOGGING_CATEGORY(lcDescribe, "aime.ai.job")

QList<qint64> chosenIds(const ImportJobRecord &record)
{
    QList<qint64> ids;
    const QJsonArray albums = record.params.value(QStringLiteral("albums")).toArray();
    for (const QJsonValue &value : albums)
        ids.append(value.toInteger());
    return ids;
}

// What the pool gives for the next batch: its albums (those still without a description), the
// position after it, and how many albums the job has in all.
struct Loaded
{
    QList<Album> albums;
    qint64 after = 0; // the last album id looked at ("missing" mode)
    int index = 0; // the position after the batch ("albums" mode)
    int total = 0;
    int examined = 0; // albums of the batch, described already or not
    int unreadable = 0; // albums the store could not give back
    bool atEnd = false;
    QString error;
};

} // namespace

struct DescribeAlbumsJob::Batch
{
    QList<Album> albums;
    QList<std::optional<AlbumDescription>> described;
    int pending = 0;
    int skipped = 0;
    int examined = 0;
    QString fatal;
    QString lastError; // of an album skipped // the first endpoint failure
    QJsonObject cursor; // where the job goes on once this batch is stored
};

DescribeAlbumsJob::DescribeAlbumsJob(AlbumStore *store, QThreadPool *pool,
                                     DescriptionService *descriptions, ImportJobRecord record,
                                     QObject *parent)
    : ImportJob(store, pool, std::move(record), parent), m_descriptions(descriptions)
{ }

QString DescribeAlbumsJob::phase() const
{
    return tr("descriptions");
}

void DescribeAlbumsJob::run()
{
    if (!m_descriptions) {
        fail(tr("No AI endpoint is set up."));
        return;
    }
    // The model is looked up once, before the first batch, so a missing one stops the job at
    // once instead of failing every album.
    m_descriptions->resolveModel(
        [self = QPointer(this)](const QString &model, const QString &error) {
            if (!self || self->stopping())
                return;
            if (model.isEmpty()) {
                self->fail(error);
                return;
            }
            self->nextBatch();
        });
}

void DescribeAlbumsJob::nextBatch()
{
    AlbumStore *store = this->store();
    const QList<qint64> chosen = chosenIds(record());
    const QJsonObject cursor = record().cursor;
    onFinished(
        QtConcurrent::run(pool(),
                          [store, chosen, cursor] {
                              Loaded loaded;
                              QList<qint64> ids;
                              if (chosen.isEmpty()) {
                                  loaded.after = cursor.value(QStringLiteral("after")).toInteger();
                                  ids = store->albumIdsWithoutDescription(loaded.after, batchSize,
                                                                          &loaded.error);
                                  const int left = store->countWithoutDescription(loaded.after);
                                  if (left < 0 && loaded.error.isEmpty())
                                      loaded.error
                                          = tr("Cannot count the albums without a description.");
                                  loaded.total = qMax(0, left);
                                  loaded.atEnd = ids.isEmpty();
                                  if (!ids.isEmpty())
                                      loaded.after = ids.last();
                              } else {
                                  const int index = cursor.value(QStringLiteral("index")).toInt();
                                  ids = chosen.mid(index, batchSize);
                                  loaded.index = index + int(ids.size());
                                  loaded.total = int(chosen.size());
                                  loaded.atEnd = ids.isEmpty();
                              }
                              loaded.examined = int(ids.size());
                              for (const qint64 id : std::as_const(ids)) {
                                  std::optional<Album> album = store->album(id);
                                  // Chosen albums already described are not asked for again.
                                  if (!album)
                                      ++loaded.unreadable;
                                  else if (album->aiDescription.isEmpty())
                                      loaded.albums.append(*album);
                              }
                              return loaded;
                          }),
        this, [this, chosen](const Loaded &loaded) {
            if (stopping())
                return;
            if (!loaded.error.isEmpty()) {
                fail(loaded.error);
                return;
            }
            const int skippedBefore = record().cursor.value(QStringLiteral("skipped")).toInt();
            if (loaded.atEnd) {
                complete(skippedBefore == 0
                             ? QString()
                             : tr("%n album(s) got no usable answer and stay without a "
                                  "description.",
                                  nullptr, skippedBefore));
                return;
            }
            auto batch = std::make_shared<Batch>();
            batch->albums = loaded.albums;
            batch->described.resize(loaded.albums.size());
            batch->examined = loaded.examined;
            // An album the store cannot read now is skipped like an unusable answer.
            batch->skipped = loaded.unreadable;
            batch->cursor = chosen.isEmpty()
                ? QJsonObject {{QStringLiteral("after"), loaded.after}}
                : QJsonObject {{QStringLiteral("index"), loaded.index}};
            batch->cursor.insert(QStringLiteral("skipped"), skippedBefore);
            // "missing" mode counts what is left after the cursor; the total is what was done
            // plus that.
            m_total = chosen.isEmpty() ? record().done + loaded.total : loaded.total;
            send(batch);
        });
}

void DescribeAlbumsJob::send(std::shared_ptr<Batch> batch)
{
    batch->pending = int(batch->albums.size());
    if (batch->pending == 0) {
        answered(batch, -1, {});
        return;
    }
    for (int i = 0; i < batch->albums.size(); ++i) {
        GateReply *reply = m_descriptions->describe(
            batch->albums.at(i), whileRunning([this, batch, i](const DescriptionOutcome &outcome) {
                answered(batch, i, outcome);
            }));
        if (reply)
            requests().add(reply);
    }
}

void DescribeAlbumsJob::answered(std::shared_ptr<Batch> batch, int index,
                                 const DescriptionOutcome &outcome)
{
    if (index >= 0) {
        --batch->pending;
        if (outcome.description) {
            batch->described[index] = outcome.description;
        } else if (outcome.fatal) {
            if (batch->fatal.isEmpty())
                batch->fatal = outcome.error;
            // The others would fail the same way.
            requests().cancelAll();
        } else {
            ++batch->skipped;
            batch->lastError = outcome.error;
            qCWarning(lcDescribe).noquote()
                << "no description for" << batch->albums.at(index).title << ":" << outcome.error;
        }
    }
    if (batch->pending > 0)
        return;

    QList<AlbumDescription> descriptions;
    for (const auto &described : std::as_const(batch->described)) {
        if (described)
            descriptions.append(*described);
    }
    // Every album of a batch unusable: the endpoint is broken, not the albums.
    if (batch->fatal.isEmpty() && descriptions.isEmpty() && batch->albums.size() > 1
        && batch->skipped >= batch->albums.size())
        batch->fatal = tr("No album of a batch of %1 got a usable answer; the last: %2")
                           .arg(batch->albums.size())
                           .arg(batch->lastError);
    if (!batch->fatal.isEmpty()) {
        // What did arrive is kept, with the cursor where it was: a retry asks again only for
        // the albums still without a description.
        const QString fatal = batch->fatal;
        commitWith(
            [descriptions](AlbumStore *store, const JobCheckpoint &) {
                return store->saveDescriptions(descriptions, nullptr);
            },
            record().cursor, record().done, record().total, [this, fatal] { fail(fatal); });
        return;
    }
    QJsonObject cursor = batch->cursor;
    cursor.insert(QStringLiteral("skipped"),
                  cursor.value(QStringLiteral("skipped")).toInt() + batch->skipped);
    const int done = record().done + batch->examined;
    commitWith(
        [descriptions](AlbumStore *store, const JobCheckpoint &checkpoint) {
            return store->saveDescriptions(descriptions, &checkpoint);
        },
        cursor, done, qMax(m_total, done), [this] { nextBatch(); });
}

} // namespace aime
