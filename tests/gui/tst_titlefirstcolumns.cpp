#include "titlefirstcolumns.h"

#include <QHeaderView>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace aime;

namespace {

// Search Online's columns: title, artist, year, format, found on, status.
const QList<int> defaults {0, 180, 56, 130, 150, 110};
const QString key = QStringLiteral("test/columnWidths");

struct Table
{
    QStandardItemModel model {3, 6};
    QTreeView view;
    TitleFirstColumns *columns = nullptr;

    explicit Table(int width)
    {
        model.setHorizontalHeaderLabels({QStringLiteral("Title"), QStringLiteral("Artist"),
                                         QStringLiteral("Year"), QStringLiteral("Format"),
                                         QStringLiteral("Found on"), QStringLiteral("Status")});
        view.setModel(&model);
        view.resize(width, 300);
        columns = new TitleFirstColumns(&view, 0, defaults, key);
        view.show();
    }
    int section(int column) const { return view.header()->sectionSize(column); }
    int total() const
    {
        int sum = 0;
        for (int column = 0; column < model.columnCount(); ++column)
            sum += section(column);
        return sum;
    }
};

} // namespace

// The title column of Search Online keeps its share when the dock is narrow, and the widths a
// person gives the other columns are kept.
class TestTitleFirstColumns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void titleKeepsItsShare_data();
    void titleKeepsItsShare();
    void widthsThePersonSetAreKept();
};

void TestTitleFirstColumns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTitleFirstColumns::init()
{
    QSettings().remove(key);
}

void TestTitleFirstColumns::titleKeepsItsShare_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("othersAtTheirWidths");
    QTest::newRow("wide window") << 1400 << true;
    QTest::newRow("half a screen") << 700 << false;
    QTest::newRow("narrow dock") << 520 << false;
    QTest::newRow("very narrow dock") << 380 << false;
}

void TestTitleFirstColumns::titleKeepsItsShare()
{
    QFETCH(int, width);
    QFETCH(bool, othersAtTheirWidths);
    Table table(width);
    QVERIFY(QTest::qWaitForWindowExposed(&table.view));
    const int viewport = table.view.viewport()->width();
    // A column gives way no further than its header: the year stays readable.
    const QFontMetrics metrics = table.view.header()->fontMetrics();
    QTRY_VERIFY(table.section(2) >= metrics.horizontalAdvance(QStringLiteral("Year")));
    QVERIFY(table.section(2) >= metrics.horizontalAdvance(QStringLiteral("1971")));
    // The title keeps its share, unless every other column is already at its floor.
    bool othersAtTheirFloor = true;
    for (int column = 1; column < defaults.size(); ++column) {
        const QString label = table.model.headerData(column, Qt::Horizontal).toString();
        othersAtTheirFloor = othersAtTheirFloor
            && table.section(column)
                <= qMax(table.view.header()->minimumSectionSize(),
                        metrics.horizontalAdvance(label + QStringLiteral("00")));
    }
    QVERIFY2(table.section(0) >= int(viewport * TitleFirstColumns::titleShare)
                 || othersAtTheirFloor,
             qPrintable(QString::number(table.section(0))));
    // Everything fits: no column hides behind a horizontal scroll bar.
    QVERIFY2(table.total() <= viewport,
             qPrintable(QStringLiteral("%1 > %2").arg(table.total()).arg(viewport)));
    QVERIFY(table.total() >= viewport - 6);
    for (int column = 1; column < defaults.size(); ++column) {
        if (othersAtTheirWidths)
            QCOMPARE(table.section(column), defaults.at(column));
        else
            QVERIFY(table.section(column) < defaults.at(column));
    }
    // Proportions stay: the artist stays wider than the year.
    QVERIFY(table.section(1) > table.section(2));
}

void TestTitleFirstColumns::widthsThePersonSetAreKept()
{
    {
        Table table(1400);
        QVERIFY(QTest::qWaitForWindowExposed(&table.view));
        table.view.header()->resizeSection(1, 260);
        QCOMPARE(table.columns->preferredWidths().at(1), 260);
        QCOMPARE(table.section(1), 260);
        QVERIFY(table.section(0) >= int(table.view.viewport()->width() * 0.4));
    }
    Table again(1400);
    QVERIFY(QTest::qWaitForWindowExposed(&again.view));
    QCOMPARE(again.columns->preferredWidths().at(1), 260);
    QTRY_COMPARE(again.section(1), 260);
}

QTEST_MAIN(TestTitleFirstColumns)
#include "tst_titlefirstcolumns.moc"
