# messages: plain.eml
require "copy";
redirect :copy "a@x.org";
redirect "b@x.org";
redirect "c@x.org";
redirect "d@x.org";
redirect "a@x.org";
