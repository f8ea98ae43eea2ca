// Cover grid figures (issue 7): AIME as main() builds it (offscreen), N albums (default 100,000)
// whose covers are 500 distinct 300x300 JPEGs in the disk cache's folder (no network).
// 1. Scrolling: the grid scrolled from top to bottom in full page steps, one step per 60 Hz
//    frame, the event loop running in between (covers decode and arrive, pages of albums land
//    as the view asks for them). Frame time (the scroll plus a synchronous repaint): median and
//    99th percentile; the longest GUI stall (the longest single step of processEvents(), or
//    processEvents() + scroll + repaint); the peak resident memory (VmHWM) of that process.
// 2. Start-up to the first painted page whose visible albums all show their covers, as a ratio
//    to start-up with an empty collection (its first painted "collection is empty" page). Each
//    start is a fresh process timed from main(); 5 starts each, alternating, as bench_startup.
// 3. Resident memory (VmRSS) after scrolling the whole grid twice, as a ratio to after the
//    first screen, and as a ratio to after one scroll; the memory cache's size at the end.
//    BENCH_GRID_COVER_MEMORY_MB=N sets the pixmap cache for the scroll (default AIME's 64 MB).
// The scroll runs in a child process of its own, so the set-up's memory does not count.
//   bench_grid [album count, default 100000] [--dir DIR] [--skip-startup] [--skip-scroll]
//              [--settled]
// --settled: each page step waits until the screen shows all its covers (2 s at most), so the
// memory figures are taken with the pixmap cache filled; the fast default abandons covers of
// pages that fly past, which is what the frame-time figures are about.
// --dir keeps the generated collections (DIR/albums-N, DIR/empty) for the next run: building
// 100,000 albums takes a while.
#include "aimeapplication.h"
#include "albumgriddelegate.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "benchfigures.h"
#include "core/datalocation.h"
#include "coverimagecache.h"
#include "covers/coverdiskcache.h"
#include "credentials/memorysecretbackend.h"
#include "fakeimage.h"
#include "mainwindow.h"
#include "store/albumquery.h"
#include "store/albumstore.h"

#include <QApplication>
#include <QColor>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <type_traits>
#include <utility>

using namespace aime;

namespace {

constexpr int coverFileCount = 500;
constexpr int coverFilePixels = 300;
constexpr int coverBatchSize = 5000;
constexpr qint64 frameIntervalNs = 16'666'667; // one page step per 60 Hz frame
constexpr int startRounds = 5;
constexpr qint64 passTimeoutMs = 30LL * 60 * 1000;
// Set by --settled for the scroll child.
constexpr char settledVariable[] = "BENCH_GRID_SETTLED";
// The pixmap cache's size for the scroll (MB), when set; AIME's default (64 MB) otherwise.
constexpr char coverMemoryVariable[] = "BENCH_GRID_COVER_MEMORY_MB";

void note(const QString &text)
{
    QTextStream(stderr) << "bench_grid: " << text << Qt::endl;
}

// AlbumStore::setCoverFiles() answers with an error message (empty on success) or a bool.
template<typename Result> bool succeeded(const Result &result)
{
    if constexpr (std::is_same_v<Result, bool>)
        return result;
    else
        return result.isEmpty();
}

// A field of /proc/self/status ("VmRSS", "VmHWM") in MB; -1 when it cannot be read.
double statusMegabytes(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = field + ':';
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).simplified().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// Cover number `index`: its own colour, with a gradient and a pattern so it decodes like a
// picture rather than a flat square. Empty when no JPEG encoder is available.
QByteArray coverJpeg(int index)
{
    const QColor base
        = QColor::fromHsv((index * 137) % 360, 90 + (index * 53) % 166, 110 + (index * 29) % 146);
    QImage image(coverFilePixels, coverFilePixels, QImage::Format_RGB32);
    for (int y = 0; y < coverFilePixels; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < coverFilePixels; ++x) {
            const int shade = (x + y) * 60 / (2 * coverFilePixels) - 30
                + ((x / 12 + y / 20 + index) % 3 == 0 ? 25 : 0);
            line[x] = qRgb(std::clamp(base.red() + shade, 0, 255),
                           std::clamp(base.green() + shade, 0, 255),
                           std::clamp(base.blue() + shade, 0, 255));
        }
    }
    return fakes::FakeImage::encodeJpeg(image);
}

// Fills dataDir with `count` albums and points every album's cover_file at one of the covers,
// written through the disk cache into the folder AIME's disk cache reads (dataDir/covers).
// A folder set up before (its marker file) is used as it is. Returns the albums in the store,
// or -1 with *problem.
int prepareCollection(const QString &dataDir, int count, QString *problem)
{
    const QString marker = QDir(dataDir).filePath(QStringLiteral("bench_grid_ready"));
    {
        QFile ready(marker);
        if (ready.open(QIODevice::ReadOnly)) {
            const int albums = ready.readAll().trimmed().toInt();
            if (albums > 0) {
                note(QStringLiteral("using the collection of %1 albums in %2")
                         .arg(albums)
                         .arg(dataDir));
                return albums;
            }
        }
    }
    if (!QDir().mkpath(dataDir)) {
        *problem = QStringLiteral("cannot create %1").arg(dataDir);
        return -1;
    }
    QElapsedTimer clock;
    clock.start();
    if (bench::fillStore(dataDir, count) < 0) {
        *problem = QStringLiteral("cannot fill the store in %1").arg(dataDir);
        return -1;
    }

    AlbumStore store(DataLocation::sqliteStore(dataDir));
    const StoreStatus status = store.open();
    if (!status.ok()) {
        *problem = QStringLiteral("cannot open the store: %1").arg(status.message);
        return -1;
    }
    CoverDiskCache disk(QDir(dataDir).filePath(QStringLiteral("covers")));
    QString error;
    if (!disk.load(&error)) {
        *problem = QStringLiteral("cannot read the covers' folder: %1").arg(error);
        return -1;
    }
    QStringList paths;
    for (int i = 0; i < coverFileCount; ++i) {
        const QByteArray jpeg = coverJpeg(i);
        if (jpeg.isEmpty()) {
            *problem = QStringLiteral("cannot encode a JPEG (is the jpeg image plugin there?)");
            return -1;
        }
        const QString path = disk.store(QStringLiteral("bench-grid-cover-%1").arg(i), jpeg, &error);
        if (path.isEmpty()) {
            *problem = QStringLiteral("cannot write a cover: %1").arg(error);
            return -1;
        }
        paths.append(path);
    }

    QList<qint64> ids;
    ids.reserve(count);
    PageCursor after;
    for (;;) {
        const SummaryPage page = store.summaries(AlbumQuery(), after, coverBatchSize);
        if (!page.error.isEmpty()) {
            *problem = QStringLiteral("cannot read the albums: %1").arg(page.error);
            return -1;
        }
        for (const AlbumSummary &album : page.rows)
            ids.append(album.id);
        if (page.atEnd || page.rows.isEmpty())
            break;
        after = page.next;
    }
    QList<std::pair<qint64, QString>> batch;
    batch.reserve(coverBatchSize);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        batch.append({ids.at(i), paths.at(int(ids.at(i) % coverFileCount))});
        if (batch.size() == coverBatchSize || i + 1 == ids.size()) {
            if (!succeeded(store.setCoverFiles(batch))) {
                *problem = QStringLiteral("cannot set the albums' cover files");
                return -1;
            }
            batch.clear();
        }
    }

    QFile ready(marker);
    if (!ready.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || ready.write(QByteArray::number(ids.size())) < 0) {
        *problem = QStringLiteral("cannot write %1").arg(marker);
        return -1;
    }
    note(QStringLiteral("built %1 albums and %2 covers in %3 s")
             .arg(ids.size())
             .arg(coverFileCount)
             .arg(clock.nsecsElapsed() / 1e9, 0, 'f', 1));
    return int(ids.size());
}

struct VisibleCovers
{
    int visible = 0; // loaded albums whose cells show in the viewport
    int ready = 0; // of those, the ones CoverImageCache has a pixmap for, at the cells' size
};

// The albums the grid shows and whether their covers are ready, asked as the delegate asks:
// CoverImageCache::cover() at AlbumGridDelegate::decodedSize() (so a cover not asked for yet
// is asked for now, as the next paint would).
VisibleCovers visibleCovers(AlbumGridView *grid, CoverImageCache *covers)
{
    VisibleCovers result;
    auto *albums = qobject_cast<AlbumListModel *>(grid->model());
    if (!albums || albums->rowCount() == 0)
        return result;
    const int rows = albums->rowCount();
    const QRect area = grid->viewport()->rect();
    // The layout's columns and line pitch, from the cells themselves; they bound the rows to
    // look at, visualRect() decides.
    const QRect firstCell = grid->visualRect(albums->index(0));
    if (!firstCell.isValid())
        return result; // not laid out yet
    int columns = 1;
    while (columns < rows && columns < 256
           && grid->visualRect(albums->index(columns)).top() == firstCell.top())
        ++columns;
    int pitch = columns < rows ? grid->visualRect(albums->index(columns)).top() - firstCell.top()
                               : firstCell.height();
    if (pitch <= 0)
        pitch = qMax(1, firstCell.height());
    const int offset = qMax(0, -firstCell.top()); // how far the grid is scrolled
    const int firstLine = qMax(0, offset / pitch - 1);
    const int lastLine = (offset + area.height()) / pitch + 1;
    const int from = qMin(rows - 1, firstLine * columns);
    const int to = qMin(rows - 1, (lastLine + 1) * columns - 1);
    const int pixels = AlbumGridDelegate::decodedSize(grid->coverSize(), grid->devicePixelRatioF());
    for (int row = from; row <= to; ++row) {
        if (!grid->visualRect(albums->index(row)).intersects(area))
            continue;
        ++result.visible;
        const AlbumSummary *album = albums->summaryAt(row); // null while its page is read
        if (!album)
            continue;
        if (!covers->cover(*album, pixels).isNull())
            ++result.ready;
    }
    return result;
}

// ---- Start-up (a child process per start) ----

// Reports the time from main() to the first painted grid page whose visible albums all have
// their covers (a paint that begins with every visible cover ready), or to the first painted
// "collection is empty" page; both once that paint has been delivered.
class CoveredPageProbe : public QObject
{
public:
    CoveredPageProbe(AimeApplication *aime, QElapsedTimer *clock) : m_aime(aime), m_clock(clock) { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_done)
            return false;
        if (watched->objectName() == QLatin1String("emptyCollection")) {
            finish();
            return false;
        }
        AlbumGridView *grid = m_aime->mainWindow()->gridView();
        if (watched != grid->viewport() || grid->model()->rowCount() == 0)
            return false;
        // Looked at before the paint is delivered: a cover that is ready now is in this paint
        // (and one that is not asks for a paint of its own when it is).
        const VisibleCovers shown = visibleCovers(grid, m_aime->covers());
        if (shown.visible > 0 && shown.ready == shown.visible)
            finish();
        return false;
    }

private:
    void finish()
    {
        m_done = true;
        // Reported once this paint has been delivered.
        QTimer::singleShot(0, this, [this] {
            QTextStream(stdout) << "startup_ms " << m_clock->nsecsElapsed() / 1e6 << Qt::endl;
            QCoreApplication::quit();
        });
    }

    AimeApplication *m_aime;
    QElapsedTimer *m_clock;
    bool m_done = false;
};

int runStartupChild(int argc, char *argv[], const QString &dataDir)
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    AimeApplication aime(dataDir, new MemorySecretBackend);
    CoveredPageProbe probe(&aime, &clock);
    app.installEventFilter(&probe);
    QTimer::singleShot(100000, &app, [] {
        note(QStringLiteral("start-up: no page with all its covers within 100 s"));
        QCoreApplication::exit(3);
    });
    aime.start();
    return app.exec();
}

double startOnce(const QString &program, const QString &dataDir)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(program, {QStringLiteral("--startup-child"), dataDir});
    if (!child.waitForFinished(120000))
        return -1;
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    const qsizetype at = output.indexOf(QLatin1String("startup_ms "));
    return at < 0 ? -1 : output.mid(at + 11).trimmed().toDouble();
}

// ---- Scrolling (one child process) ----

// What the benchmark lets the GUI thread do between its own steps.
void pumpEvents()
{
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    // Futures' watchers are deleted later; outside exec() that is now.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

bool waitFor(const std::function<bool()> &ready, qint64 timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!ready()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        pumpEvents();
        QThread::usleep(500);
    }
    return true;
}

struct ScrollPass
{
    QList<double> framesMs;
    double longestStallMs = 0;
    int framesWithAllCovers = 0;
    double seconds = 0;
    bool completed = false;
};

// From where the grid is to its end, one page step per frame, until the model has all
// `expectedRows` rows and the scroll bar is at its maximum.
ScrollPass scrollToEnd(AlbumGridView *grid, CoverImageCache *covers, int expectedRows)
{
    const bool settled = qEnvironmentVariableIsSet(settledVariable);
    ScrollPass pass;
    auto *albums = qobject_cast<AlbumListModel *>(grid->model());
    QScrollBar *bar = grid->verticalScrollBar();
    QElapsedTimer clock;
    clock.start();
    QElapsedTimer sinceProgress; // since the grid last moved or grew
    sinceProgress.start();
    for (;;) {
        if (bar->value() >= bar->maximum() && albums->rowCount() >= expectedRows) {
            pass.completed = true;
            break;
        }
        if (clock.elapsed() > passTimeoutMs) {
            note(QStringLiteral("scroll: not at the end after %1 s").arg(passTimeoutMs / 1000));
            break;
        }
        const int rowsBefore = albums->rowCount();
        QElapsedTimer step;
        step.start();
        pumpEvents();
        const int valueBefore = bar->value();
        const bool moves = valueBefore < bar->maximum();
        if (moves) {
            QElapsedTimer frame;
            frame.start();
            bar->setValue(valueBefore + bar->pageStep());
            grid->viewport()->repaint();
            pass.framesMs.append(frame.nsecsElapsed() / 1e6);
        }
        pass.longestStallMs = qMax(pass.longestStallMs, step.nsecsElapsed() / 1e6);
        if (moves) {
            const VisibleCovers shown = visibleCovers(grid, covers);
            if (shown.visible > 0 && shown.ready == shown.visible)
                ++pass.framesWithAllCovers;
        }

        if (moves || albums->rowCount() != rowsBefore) {
            sinceProgress.restart();
        } else if (sinceProgress.elapsed() > 30000) {
            note(QStringLiteral("scroll: stuck at %1 of %2 rows (value %3 of %4)")
                     .arg(albums->rowCount())
                     .arg(expectedRows)
                     .arg(bar->value())
                     .arg(bar->maximum()));
            break;
        }

        // The rest of the frame: covers decode and arrive, pages land, the layout follows. A
        // settled pass also waits (2 s at most) until the screen shows every cover, as a person
        // reading the covers would, so the memory cache fills.
        const auto screenDone = [&] {
            if (step.nsecsElapsed() < frameIntervalNs)
                return false;
            if (!settled || !moves || step.elapsed() > 2000)
                return true;
            const VisibleCovers shown = visibleCovers(grid, covers);
            return shown.visible > 0 && shown.ready == shown.visible;
        };
        while (!screenDone()) {
            QElapsedTimer slice;
            slice.start();
            pumpEvents();
            pass.longestStallMs = qMax(pass.longestStallMs, slice.nsecsElapsed() / 1e6);
            QThread::usleep(250);
        }
    }
    pass.seconds = clock.nsecsElapsed() / 1e9;
    return pass;
}

int runScrollChild(int argc, char *argv[], const QString &dataDir, int expectedRows)
{
    QApplication app(argc, argv);
    AimeApplication aime(dataDir, new MemorySecretBackend);
    aime.start();
    MainWindow *window = aime.mainWindow();
    AlbumGridView *grid = window->gridView();
    auto *albums = qobject_cast<AlbumListModel *>(grid->model());
    CoverImageCache *covers = aime.covers();
    if (!albums || !covers) {
        note(QStringLiteral("scroll: the grid has no album model or no cover cache"));
        return 1;
    }
    const int coverMemoryMb = qEnvironmentVariableIntValue(coverMemoryVariable);
    if (coverMemoryMb > 0)
        covers->setMemoryLimit(qint64(coverMemoryMb) * 1024 * 1024);

    // The first screen, covers and all.
    if (!waitFor([&] { return window->isVisible() && grid->isVisible() && albums->rowCount() > 0; },
                 60000)) {
        note(QStringLiteral("scroll: the grid did not show albums within 60 s"));
        return 1;
    }
    const auto allCoversShown = [&] {
        const VisibleCovers shown = visibleCovers(grid, covers);
        return shown.visible > 0 && shown.ready == shown.visible;
    };
    if (!waitFor(allCoversShown, 60000)) {
        note(QStringLiteral("scroll: the first screen's covers did not arrive within 60 s"));
        return 1;
    }
    grid->viewport()->repaint();
    pumpEvents();
    const double rssFirstScreen = statusMegabytes("VmRSS");
    note(QStringLiteral("scroll: viewport %1x%2, %3 albums on the first screen, covers at %4 px")
             .arg(grid->viewport()->width())
             .arg(grid->viewport()->height())
             .arg(visibleCovers(grid, covers).visible)
             .arg(AlbumGridDelegate::decodedSize(grid->coverSize(), grid->devicePixelRatioF())));

    const ScrollPass first = scrollToEnd(grid, covers, expectedRows);
    if (!first.completed || first.framesMs.isEmpty()) {
        note(QStringLiteral("scroll: the first pass did not reach the end"));
        return 1;
    }
    waitFor(allCoversShown, 10000);
    grid->viewport()->repaint();
    pumpEvents();
    const double rssAfterOne = statusMegabytes("VmRSS");
    grid->verticalScrollBar()->setValue(0);
    grid->viewport()->repaint();
    pumpEvents();
    const ScrollPass second = scrollToEnd(grid, covers, expectedRows);
    if (!second.completed) {
        note(QStringLiteral("scroll: the second pass did not reach the end"));
        return 1;
    }
    // The last screen's covers land before memory is read (not fatal if they do not).
    waitFor(allCoversShown, 10000);
    grid->viewport()->repaint();
    pumpEvents();
    const double rssAfter = statusMegabytes("VmRSS");
    const double peak = statusMegabytes("VmHWM");
    if (rssFirstScreen <= 0 || rssAfter <= 0 || peak <= 0) {
        note(QStringLiteral("scroll: cannot read /proc/self/status"));
        return 1;
    }

    const QString ms = QStringLiteral("ms");
    const QString mb = QStringLiteral("MB");
    bench::printFigure(QStringLiteral("scroll_frame_median_ms"), bench::median(first.framesMs), ms);
    bench::printFigure(QStringLiteral("scroll_frame_p99_ms"),
                       bench::percentile(first.framesMs, 0.99), ms);
    bench::printFigure(QStringLiteral("scroll_longest_stall_ms"), first.longestStallMs, ms);
    bench::printFigure(QStringLiteral("scroll_frames"), first.framesMs.size(),
                       QStringLiteral("count"));
    bench::printFigure(QStringLiteral("scroll_frames_all_covers_percent"),
                       100.0 * first.framesWithAllCovers / first.framesMs.size(),
                       QStringLiteral("%"));
    bench::printFigure(QStringLiteral("scroll_seconds"), first.seconds, QStringLiteral("s"));
    bench::printFigure(QStringLiteral("scroll2_frame_p99_ms"),
                       bench::percentile(second.framesMs, 0.99), ms);
    bench::printFigure(QStringLiteral("scroll2_longest_stall_ms"), second.longestStallMs, ms);
    bench::printFigure(QStringLiteral("scroll_peak_rss_mb"), peak, mb);
    bench::printFigure(QStringLiteral("rss_first_screen_mb"), rssFirstScreen, mb);
    bench::printFigure(QStringLiteral("rss_after_two_scrolls_mb"), rssAfter, mb);
    bench::printFigure(QStringLiteral("rss_ratio"), rssAfter / rssFirstScreen,
                       QStringLiteral("ratio"));
    // Bounded caches: the second scroll adds nothing to the first.
    bench::printFigure(QStringLiteral("rss_after_one_scroll_mb"), rssAfterOne, mb);
    bench::printFigure(QStringLiteral("rss_two_scrolls_vs_one_ratio"), rssAfter / rssAfterOne,
                       QStringLiteral("ratio"));
    bench::printFigure(QStringLiteral("cover_memory_cache_mb"),
                       covers->memoryUsed() / (1024.0 * 1024.0), mb);
    return 0;
}

void usage()
{
    note(QStringLiteral(
        "usage: bench_grid [album count, default 100000] [--dir DIR] [--skip-startup] "
        "[--skip-scroll] [--settled]"));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc == 3 && qstrcmp(argv[1], "--startup-child") == 0)
        return runStartupChild(argc, argv, QString::fromLocal8Bit(argv[2]));
    if (argc == 4 && qstrcmp(argv[1], "--scroll-child") == 0)
        return runScrollChild(argc, argv, QString::fromLocal8Bit(argv[2]),
                              QString::fromLocal8Bit(argv[3]).toInt());

    QCoreApplication app(argc, argv);
    int count = 100000;
    QString keptDir;
    bool startup = true;
    bool scroll = true;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--dir") && i + 1 < arguments.size()) {
            keptDir = arguments.at(++i);
        } else if (argument == QLatin1String("--skip-startup")) {
            startup = false;
        } else if (argument == QLatin1String("--skip-scroll")) {
            scroll = false;
        } else if (argument == QLatin1String("--settled")) {
            qputenv(settledVariable, "1");
        } else {
            bool ok = false;
            count = argument.toInt(&ok);
            if (!ok || count <= 0) {
                usage();
                return 2;
            }
        }
    }

    QTemporaryDir temporary;
    if (keptDir.isEmpty() && !temporary.isValid()) {
        note(QStringLiteral("cannot create a temporary folder"));
        return 2;
    }
    const QDir root(keptDir.isEmpty() ? temporary.path() : keptDir);
    const QString fullDir = root.filePath(QStringLiteral("albums-%1").arg(count));
    const QString emptyDir = root.filePath(QStringLiteral("empty"));
    if (!QDir().mkpath(fullDir) || !QDir().mkpath(emptyDir)) {
        note(QStringLiteral("cannot create the data folders under %1").arg(root.path()));
        return 2;
    }
    QString problem;
    const int albums = prepareCollection(fullDir, count, &problem);
    if (albums <= 0) {
        note(QStringLiteral("set-up failed: %1").arg(problem));
        return 2;
    }
    if (albums != count)
        note(QStringLiteral("the store holds %1 albums (%2 asked for)").arg(albums).arg(count));
    if (bench::fillStore(emptyDir, 0) < 0) {
        note(QStringLiteral("set-up failed: cannot create the empty store"));
        return 2;
    }
    const QString program = QCoreApplication::applicationFilePath();

    if (startup) {
        QList<double> empty;
        QList<double> full;
        // Warm the file cache and the font cache once.
        startOnce(program, emptyDir);
        startOnce(program, fullDir);
        for (int round = 0; round < startRounds; ++round) {
            empty.append(startOnce(program, emptyDir));
            full.append(startOnce(program, fullDir));
        }
        if (empty.contains(-1) || full.contains(-1)) {
            note(QStringLiteral("start-up: a start did not report its first page"));
            return 1;
        }
        const QString ms = QStringLiteral("ms");
        bench::printFigure(QStringLiteral("startup_covers_ms"), bench::median(full), ms);
        bench::printFigure(QStringLiteral("startup_empty_ms"), bench::median(empty), ms);
        bench::printFigure(QStringLiteral("startup_covers_ratio"),
                           bench::median(full) / bench::median(empty), QStringLiteral("ratio"));
    }

    if (scroll) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(program, {QStringLiteral("--scroll-child"), fullDir, QString::number(albums)});
        if (!child.waitForStarted() || !child.waitForFinished(-1)
            || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
            note(QStringLiteral("scroll: the benchmark's process failed"));
            return 1;
        }
    }
    return 0;
}
