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
    // AIME's window size at a first start: a window's backing store costs in proportion to its
    // area (the first paint touches every page of it), which is no part of what is compared.
    view.resize(1200, 800);
    aime::ReadyProbe::watch(&view, clock);
    view.show();
    return app.exec();
}
