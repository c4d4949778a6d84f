# messages: plain.eml
require ["copy"];
redirect :copy "a@example.net";
redirect :copy "b@example.net";
