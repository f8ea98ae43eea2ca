// Filter latency over a large collection: the time from AlbumListModel::setFilterText() to the
// first page of matches in the model (FTS query and count on the pool, rows applied on this
// thread), for 50 one-word queries (whole words and three-letter prefixes, each word in a few
// percent of the albums), and for a word found in a third of them. The search box adds an
// 80 ms typing pause on top.
//   bench_filter [album count, default 100000]
#include "albumlistmodel.h"
#include "benchfigures.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "store/albumstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

using namespace aime;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    if (bench::fillStore(dir.path(), count) < 0)
        return 2;

    AlbumStore store(DataLocation::sqliteStore(dir.path()));
    if (!store.open().ok())
        return 2;
    WorkerPool pool;
    AlbumListModel model(&store, &pool);
    QEventLoop loop;
    QObject::connect(&model, &AlbumListModel::queryApplied, &loop, &QEventLoop::quit);
    model.reload();
    loop.exec();

    const auto measure = [&](const QString &query) {
        QElapsedTimer timer;
        timer.start();
        model.setFilterText(query);
        loop.exec();
        return model.rowCount() == 0 ? -1.0 : timer.nsecsElapsed() / 1e6;
    };
    const QStringList words = bench::typicalWords();
    QList<double> latencies;
    for (int i = 0; i < 50; ++i) {
        // Whole words and three-letter prefixes (what a person has typed after three keys).
        const QString word = words.at(i % words.size());
        latencies.append(measure(i % 2 == 0 ? word : word.left(3)));
        if (latencies.last() < 0)
            return 2;
    }
    QList<double> dense;
    for (int i = 0; i < 10; ++i) {
        measure(words.at(i)); // so each dense query is a change of filter
        dense.append(measure(QStringLiteral("live")));
    }
    bench::printFigure(QStringLiteral("filter_latency_median"), bench::median(latencies),
                       QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("filter_latency_worst"), bench::percentile(latencies, 1.0),
                       QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("filter_latency_median_to_frame_ratio"),
                       bench::median(latencies) / 16.0, QStringLiteral("ratio"));
    bench::printFigure(QStringLiteral("filter_latency_word_in_a_third_median"),
                       bench::median(dense), QStringLiteral("ms"));
    return 0;
}
