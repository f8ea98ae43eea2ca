// Start-up to the first painted grid page with a large collection, as a ratio to start-up with
// an empty collection (its first painted "collection is empty" page). Each start is a fresh
// process (offscreen), timed from main() to that first paint; 5 starts each, alternating.
//   bench_startup [album count, default 100000]
#include "aimeapplication.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "benchfigures.h"
#include "core/datalocation.h"
#include "mainwindow.h"
#include "store/albumstore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace aime;

namespace {

class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(MainWindow *window, QElapsedTimer *clock) : m_window(window), m_clock(clock) { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_done)
            return false;
        const bool gridPage = watched == m_window->gridView()->viewport()
            && m_window->gridView()->model()->rowCount() > 0;
        const bool emptyPage = watched->objectName() == QLatin1String("emptyCollection");
        if (gridPage || emptyPage) {
            m_done = true;
            // Report once this paint has been delivered.
            QTimer::singleShot(0, [this] {
                QTextStream(stdout) << "startup_ms " << m_clock->nsecsElapsed() / 1e6 << Qt::endl;
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    MainWindow *m_window;
    QElapsedTimer *m_clock;
    bool m_done = false;
};

int runChild(int argc, char *argv[], const QString &dataDir)
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    AimeApplication aime(dataDir);
    FirstPaintProbe probe(aime.mainWindow(), &clock);
    app.installEventFilter(&probe);
    if (qEnvironmentVariableIsSet("AIME_BENCH_TRACE")) {
        auto *model = qobject_cast<AlbumListModel *>(aime.mainWindow()->gridView()->model());
        QObject::connect(model, &AlbumListModel::queryApplied, [&clock] {
            QTextStream(stderr) << "trace page " << clock.nsecsElapsed() / 1e6 << Qt::endl;
        });
        QObject::connect(model, &AlbumListModel::totalCountChanged, [&clock] {
            QTextStream(stderr) << "trace count " << clock.nsecsElapsed() / 1e6 << Qt::endl;
        });
        QTextStream(stderr) << "trace constructed " << clock.nsecsElapsed() / 1e6 << Qt::endl;
    }
    aime.start();
    return app.exec();
}

double startOnce(const QString &program, const QString &dataDir)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(environment);
    child.start(program, {QStringLiteral("--child"), dataDir});
    if (!child.waitForFinished(120000))
        return -1;
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    const qsizetype at = output.indexOf(QLatin1String("startup_ms "));
    return at < 0 ? -1 : output.mid(at + 11).trimmed().toDouble();
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--child") == 0)
        return runChild(argc, argv, QString::fromLocal8Bit(argv[2]));

    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir emptyDir;
    QTemporaryDir fullDir;
    if (bench::fillStore(emptyDir.path(), 0) < 0 || bench::fillStore(fullDir.path(), count) < 0)
        return 2;

    const QString program = QCoreApplication::applicationFilePath();
    QList<double> empty;
    QList<double> full;
    startOnce(program, emptyDir.path()); // warm the file cache and the font cache once
    for (int round = 0; round < 5; ++round) {
        empty.append(startOnce(program, emptyDir.path()));
        full.append(startOnce(program, fullDir.path()));
    }
    if (empty.contains(-1) || full.contains(-1))
        return 2;
    bench::printFigure(QStringLiteral("startup_empty_median"), bench::median(empty),
                       QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("startup_%1_albums_median").arg(count), bench::median(full),
                       QStringLiteral("ms"));
    bench::printFigure(QStringLiteral("startup_full_to_empty_ratio"),
                       bench::median(full) / bench::median(empty), QStringLiteral("ratio"));
    return 0;
}
