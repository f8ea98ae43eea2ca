#pragma once

#include <QElapsedTimer>
#include <QObject>

class QWidget;

namespace aime {

// For start-up benchmarks (bench_coldstart): when AIME_QUIT_WHEN_READY is set, prints
// "ready <ms>" once the window has been exposed and the event loop has turned once after it
// (the window is visible and answers events), then quits. Inert otherwise.
class ReadyProbe : public QObject
{
    Q_OBJECT

public:
    static constexpr char variable[] = "AIME_QUIT_WHEN_READY";
    // Watches window when the variable is set; clock runs from main().
    static void watch(QWidget *window, const QElapsedTimer &clock);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ReadyProbe(QWidget *window, const QElapsedTimer &clock);
    QElapsedTimer m_clock;
    bool m_seen = false;
};

} // namespace aime
