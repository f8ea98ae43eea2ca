#include "benchfigures.h"

#include "core/datalocation.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

namespace aime::bench {

void printFigure(const QString &name, double value, const QString &unit)
{
    QTextStream(stdout) << "figure " << name << ' ' << QString::number(value, 'f', 3) << ' ' << unit
                        << Qt::endl;
}

double median(QList<double> values)
{
    return percentile(std::move(values), 0.5);
}

double percentile(QList<double> values, double fraction)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(
        values.size() - 1, qsizetype(fraction * double(values.size() - 1) + 0.5));
    return values.at(index);
}

QStringList typicalWords()
{
    return {QStringLiteral("love"),   QStringLiteral("night"),  QStringLiteral("river"),
            QStringLiteral("golden"), QStringLiteral("city"),   QStringLiteral("fire"),
            QStringLiteral("dream"),  QStringLiteral("ocean"),  QStringLiteral("stone"),
            QStringLiteral("heart"),  QStringLiteral("winter"), QStringLiteral("electric"),
            QStringLiteral("shadow"), QStringLiteral("garden"), QStringLiteral("silver"),
            QStringLiteral("machine")};
}

QList<Album> benchAlbums(int count, int firstIndex)
{
    static const QStringList extraWords {
        QStringLiteral("blue"),     QStringLiteral("red"),     QStringLiteral("black"),
        QStringLiteral("white"),    QStringLiteral("morning"), QStringLiteral("evening"),
        QStringLiteral("street"),   QStringLiteral("road"),    QStringLiteral("sky"),
        QStringLiteral("rain"),     QStringLiteral("sun"),     QStringLiteral("moon"),
        QStringLiteral("star"),     QStringLiteral("song"),    QStringLiteral("dance"),
        QStringLiteral("soul"),     QStringLiteral("gold"),    QStringLiteral("wild"),
        QStringLiteral("young"),    QStringLiteral("lost"),    QStringLiteral("home"),
        QStringLiteral("north"),    QStringLiteral("south"),   QStringLiteral("east"),
        QStringLiteral("west"),     QStringLiteral("glass"),   QStringLiteral("paper"),
        QStringLiteral("iron"),     QStringLiteral("velvet"),  QStringLiteral("echo"),
        QStringLiteral("signal"),   QStringLiteral("mirror"),  QStringLiteral("forest"),
        QStringLiteral("desert"),   QStringLiteral("island"),  QStringLiteral("harbour"),
        QStringLiteral("station"),  QStringLiteral("radio"),   QStringLiteral("window"),
        QStringLiteral("garage"),   QStringLiteral("tiger"),   QStringLiteral("eagle"),
        QStringLiteral("wolf"),     QStringLiteral("horse"),   QStringLiteral("thunder"),
        QStringLiteral("lightning")};
    static const QStringList vocabulary = typicalWords() + extraWords;
    static const QStringList genres {
        QStringLiteral("Rock"),  QStringLiteral("Jazz"),    QStringLiteral("Electronic"),
        QStringLiteral("Folk"),  QStringLiteral("Hip Hop"), QStringLiteral("Classical"),
        QStringLiteral("Soul"),  QStringLiteral("Reggae"),  QStringLiteral("Pop"),
        QStringLiteral("Blues"), QStringLiteral("Latin"),   QStringLiteral("Country")};
    const auto word = [](quint32 seed) { return vocabulary.at(seed % vocabulary.size()); };
    QList<Album> albums;
    albums.reserve(count);
    for (int i = firstIndex; i < firstIndex + count; ++i) {
        const quint32 hash = quint32(i) * 2654435761u;
        Album album = testing::discogsAlbum(
            QStringLiteral("%1 %2 %3").arg(word(hash >> 3), word(hash >> 11)).arg(i % 9973),
            QStringLiteral("%1 of the %2%3")
                .arg(word(hash >> 17), word(hash >> 23),
                     i % 3 == 0 ? QStringLiteral(" (Live)") : QString()),
            1950 + int(hash % 75), QString::number(1000000 + i));
        album.label = QStringLiteral("Label %1").arg(hash % 2000);
        album.format = i % 3 == 0 ? QStringLiteral("LP, Album") : QStringLiteral("CD, Album");
        album.genres = {genres.at(i % genres.size())};
        albums.append(album);
    }
    return albums;
}

double fillStore(const QString &dataDir, int count)
{
    AlbumStore store(DataLocation::sqliteStore(dataDir));
    if (!store.open().ok())
        return -1;
    QElapsedTimer timer;
    timer.start();
    constexpr int pageSize = 500;
    for (int first = 0; first < count; first += pageSize) {
        if (!store.upsertPage(benchAlbums(std::min(pageSize, count - first), first)).ok())
            return -1;
    }
    return timer.nsecsElapsed() / 1e9;
}

} // namespace aime::bench
