#pragma once

class QLineEdit;

namespace aime {

// Gives edit its clear button once it first holds text (the button only shows over text).
// The button's icon comes from the icon theme, and the first theme lookup reads the theme's
// index (about 6 ms with Debian's hicolor theme): not worth paying before the window shows.
void enableClearButtonOnceTyped(QLineEdit *edit);

} // namespace aime
