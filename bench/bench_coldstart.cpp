// Start-up of the aime binary (issue 8), to a visible window that answers events, over an empty
// collection, as a ratio to a minimal Qt Widgets program showing one empty QListView, in the
// same run: fresh processes, alternating, each timed from just before it is started until it
// prints "ready" (see ReadyProbe: the first paint, then one more turn of the event loop).
//   bench_coldstart [--aime PATH] [--runs N]
// PATH defaults to the build's aime; pass the installed one (for example a .deb extracted with
// dpkg-deb -x) to time that. The platform is the caller's QT_QPA_PLATFORM (offscreen if unset).
// Files are in the page cache after the first start of each program: these are warm starts.
#include "benchfigures.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

using namespace aime;

namespace {

struct Start
{
    double wallMs = -1; // from QProcess::start() to the "ready" line
    double insideMs = -1; // from main() to ready, as the program measured it
};

Start startOnce(const QString &program, const QStringList &arguments)
{
    Start result;
    QTemporaryDir data;
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AIME_QUIT_WHEN_READY"), QStringLiteral("1"));
    environment.insert(QStringLiteral("AIME_DATA_DIR"), data.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), data.filePath(QStringLiteral("config")));
    if (!environment.contains(QStringLiteral("QT_QPA_PLATFORM")))
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer clock;
    clock.start();
    child.start(program, arguments);
    while (child.waitForReadyRead(30000)) {
        const QString line = QString::fromUtf8(child.readLine()).trimmed();
        if (line.startsWith(QLatin1String("ready "))) {
            result.wallMs = clock.nsecsElapsed() / 1e6;
            result.insideMs = line.mid(6).toDouble();
            break;
        }
    }
    child.waitForFinished(30000);
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString aimePath = QStringLiteral(AIME_BINARY);
    int runs = 10;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--aime") && i + 1 < arguments.size()) {
            aimePath = arguments.at(++i);
        } else if (arguments.at(i) == QLatin1String("--runs") && i + 1 < arguments.size()) {
            runs = qMax(1, arguments.at(++i).toInt());
        } else {
            QTextStream(stderr) << "usage: bench_coldstart [--aime PATH] [--runs N]\n";
            return 2;
        }
    }
    const QString minimalPath = QStringLiteral(MINIMAL_BINARY);
    // One start of each first, so both are measured from the page cache alike.
    startOnce(aimePath, {});
    startOnce(minimalPath, {});
    QList<double> aime, minimal, aimeInside, minimalInside;
    for (int run = 0; run < runs; ++run) {
        const Start a = startOnce(aimePath, {});
        const Start m = startOnce(minimalPath, {});
        if (a.wallMs < 0 || m.wallMs < 0) {
            QTextStream(stderr) << "bench_coldstart: a start did not report ready\n";
            return 1;
        }
        aime.append(a.wallMs);
        minimal.append(m.wallMs);
        aimeInside.append(a.insideMs);
        minimalInside.append(m.insideMs);
    }
    const QString ms = QStringLiteral("ms");
    bench::printFigure(QStringLiteral("coldstart_aime_ms"), bench::median(aime), ms);
    bench::printFigure(QStringLiteral("coldstart_minimal_listview_ms"), bench::median(minimal), ms);
    bench::printFigure(QStringLiteral("coldstart_ratio"),
                       bench::median(aime) / bench::median(minimal), QStringLiteral("ratio"));
    bench::printFigure(QStringLiteral("coldstart_aime_from_main_ms"), bench::median(aimeInside),
                       ms);
    bench::printFigure(QStringLiteral("coldstart_minimal_from_main_ms"),
                       bench::median(minimalInside), ms);
    return 0;
}
