#pragma once

#include "import/discogscsvreader.h"

#include <QList>
#include <QString>

namespace aime {

struct CsvImportReport
{
    int added = 0;
    int alreadyPresent = 0; // the release was stored already: refreshed, not doubled
    int merged = 0; // joined an album already stored from another source
    QList<CsvRowError> broken;
    QString fatalError; // the file could not be read or stored at all
    bool cancelled = false;

    int goodRows() const { return added + alreadyPresent + merged; }
    bool complete() const { return fatalError.isEmpty() && !cancelled && broken.isEmpty(); }
    QString summary() const;
};

} // namespace aime
