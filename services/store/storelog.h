#pragma once

#include <QLoggingCategory>

// The store's log category, aime.store, shared by its classes.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
