#include "aimeapplication.h"
#include "albumgriddelegate.h"
#include "albumlistmodel.h"
#include "descriptionpanel.h"
#include "mainwindow.h"
#include "testdata.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace aime;

namespace {

// A dark desktop palette (the colours of Adwaita's dark variant), as a platform theme hands it
// to the application.
QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x2d, 0x2d, 0x2d);
    const QColor text(0xee, 0xee, 0xec);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x15, 0x53, 0x9e));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x91, 0x91, 0x91));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x24, 0x24));
    return palette;
}

QPalette lightPalette()
{
    return QApplication::style()->standardPalette();
}

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &colour)
{
    const auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The strongest contrast any pixel of rows [top, bottom) has against background: the fully
// inked pixels of the text drawn there.
double inkContrast(const QImage &image, int top, int bottom, const QColor &background)
{
    double best = 1.0;
    for (int y = std::max(0, top); y < std::min(bottom, image.height()); ++y) {
        for (int x = 0; x < image.width(); ++x)
            best = std::max(best, contrast(image.pixelColor(x, y), background));
    }
    return best;
}

} // namespace

// HiDPI and the system palette (issue 8). ctest runs this at QT_SCALE_FACTOR 1, 1.5 and 2
// (tst_appearance_scale_*): the grid's captions are readable in a light and a dark palette,
// selected or not, every widget follows the application's palette, and the one coloured text
// (a description's error) stays readable on both.
class TestAppearance : public QObject
{
    Q_OBJECT

private slots:
    void scaleIsApplied();
    void captionsAreReadable_data();
    void captionsAreReadable();
    void everyWidgetFollowsTheApplicationPalette();
    void errorTextIsReadable_data();
    void errorTextIsReadable();
};

void TestAppearance::scaleIsApplied()
{
    QWidget widget;
    widget.resize(100, 100);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QVERIFY2(qFuzzyCompare(widget.devicePixelRatioF(), testing::scaleFactor()),
             qPrintable(QString::number(widget.devicePixelRatioF())));
}

void TestAppearance::captionsAreReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("selected");
    QTest::newRow("light") << lightPalette() << false;
    QTest::newRow("light, selected") << lightPalette() << true;
    QTest::newRow("dark") << darkPalette() << false;
    QTest::newRow("dark, selected") << darkPalette() << true;
}

void TestAppearance::captionsAreReadable()
{
    QFETCH(QPalette, palette);
    QFETCH(bool, selected);

    QStandardItemModel model(1, 1);
    model.setData(model.index(0, 0), QStringLiteral("Kind Of Blue"), AlbumListModel::TitleRole);
    model.setData(model.index(0, 0), QStringLiteral("Miles Davis"), AlbumListModel::ArtistRole);
    AlbumGridDelegate delegate;
    QStyleOptionViewItem option;
    option.palette = palette;
    option.font = QApplication::font();
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    if (selected)
        option.state |= QStyle::State_Selected;
    const QSize cell = delegate.sizeHint(option, model.index(0, 0));
    option.rect = QRect(QPoint(0, 0), cell);

    // Painted as the grid paints it: on the view's Base colour, at the screen's pixel ratio.
    const qreal ratio = testing::scaleFactor();
    QImage image(QSize(qCeil(cell.width() * ratio), qCeil(cell.height() * ratio)),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(palette.color(QPalette::Base));
    {
        QPainter painter(&image);
        delegate.paint(&painter, option, model.index(0, 0));
    }

    const int padding = (cell.width() - delegate.coverSize()) / 2;
    const int lineHeight = QFontMetrics(option.font).height();
    const int titleTop = padding + delegate.coverSize() + 2;
    const int artistTop = titleTop + lineHeight + 2;
    // The background behind the captions: the right end of the title's line (the title is
    // short and left-aligned); tinted with the selection colour when selected.
    const QColor background
        = image.pixelColor(image.width() - qCeil(6 * ratio), qRound((titleTop + 4) * ratio));
    if (selected) {
        // The selection shows: a tint that differs from the view's background, and a ring of
        // the selection colour at the cell's edge.
        const QColor base = palette.color(QPalette::Base);
        const double distance
            = std::hypot(background.red() - base.red(), background.green() - base.green(),
                         background.blue() - base.blue());
        QVERIFY2(distance > 30, qPrintable(background.name()));
        const QColor ring = image.pixelColor(image.width() / 2, qRound(2 * ratio));
        QVERIFY2(contrast(ring, palette.color(QPalette::Highlight)) < 1.1, qPrintable(ring.name()));
    } else {
        QCOMPARE(background.rgb(), palette.color(QPalette::Base).rgb());
    }

    const double title = inkContrast(image, qRound(titleTop * ratio),
                                     qRound((titleTop + lineHeight) * ratio), background);
    const double artist = inkContrast(image, qRound(artistTop * ratio),
                                      qRound((artistTop + lineHeight) * ratio), background);
    // WCAG AA: 4.5 for text; the artist is secondary and drawn lighter, 3 is the floor there.
    QVERIFY2(title >= 4.5, qPrintable(QStringLiteral("title contrast %1").arg(title)));
    QVERIFY2(artist >= 3.0, qPrintable(QStringLiteral("artist contrast %1").arg(artist)));
}

void TestAppearance::everyWidgetFollowsTheApplicationPalette()
{
    const QPalette original = QApplication::palette();
    const auto restore = qScopeGuard([&original] { QApplication::setPalette(original); });
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    // The desktop switches to dark while AIME runs.
    const QPalette dark = darkPalette();
    QApplication::setPalette(dark);
    QTRY_COMPARE(window->centralWidget()->palette().color(QPalette::Window),
                 dark.color(QPalette::Window));
    int checked = 0;
    for (const QWidget *widget : window->findChildren<QWidget *>()) {
        for (const QPalette::ColorRole role :
             {QPalette::Window, QPalette::Base, QPalette::Text, QPalette::Button}) {
            QVERIFY2(
                widget->palette().color(QPalette::Active, role)
                    == dark.color(QPalette::Active, role),
                qPrintable(QStringLiteral("%1 (%2) in %3, role %4: %5")
                               .arg(QString::fromLatin1(widget->metaObject()->className()),
                                    widget->objectName(),
                                    widget->parentWidget() ? widget->parentWidget()->objectName()
                                                           : QString())
                               .arg(int(role))
                               .arg(widget->palette().color(QPalette::Active, role).name())));
        }
        ++checked;
    }
    QVERIFY(checked > 20);
}

void TestAppearance::errorTextIsReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestAppearance::errorTextIsReadable()
{
    QFETCH(QPalette, palette);
    const QPalette original = QApplication::palette();
    const auto restore = qScopeGuard([&original] { QApplication::setPalette(original); });
    DescriptionPanel panel;
    QApplication::setPalette(palette);
    const QLabel *message = panel.messageLabel();
    QVERIFY(message);
    QTRY_COMPARE(message->palette().color(QPalette::Window), palette.color(QPalette::Window));
    const QColor ink = message->palette().color(message->foregroundRole());
    const QColor background = message->palette().color(QPalette::Window);
    QCOMPARE(background, palette.color(QPalette::Window));
    QVERIFY2(contrast(ink, background) >= 4.5,
             qPrintable(QStringLiteral("%1 on %2: %3")
                            .arg(ink.name(), background.name())
                            .arg(contrast(ink, background))));
}

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
