# messages: plain.eml
redirect "x@y.org";
redirect "X@Y.ORG";
redirect "x@Y.org";
redirect "Someone <x@y.org>";
