#pragma once

#include "domain/album.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace aime::bench {

// One line per figure, the format every AIME benchmark prints: `figure <name> <value> <unit>`.
void printFigure(const QString &name, double value, const QString &unit);
double median(QList<double> values);
double percentile(QList<double> values, double fraction);
// Albums with a vocabulary closer to a real collection's than the tests' eight words: a
// typical word is in 2-5% of titles and artists; "live" is in a third of all titles.
QList<Album> benchAlbums(int count, int firstIndex);
// Typical one-word queries for benchAlbums().
QStringList typicalWords();
// Fills a store in dataDir with count generated albums (pages of 500); returns seconds taken.
double fillStore(const QString &dataDir, int count);

} // namespace aime::bench
