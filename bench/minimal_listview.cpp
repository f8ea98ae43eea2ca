// The yardstick of bench_coldstart: a minimal Qt Widgets program showing one empty QListView,
// ready (painted, event loop turning) by the same probe as AIME.
#include "readyprobe.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QListView view;
    view.resize(800, 600);
    aime::ReadyProbe::watch(&view, clock);
    view.show();
    return app.exec();
}
