# messages: plain.eml
require ["variables", "fileinto"];
set  "v0" "x";
set :lower "v1" "x";
set :upper "v2" "x";
set :lowerfirst "v3" "x";
set :upperfirst "v4" "x";
set :quotewildcard "v5" "x";
set :length "v6" "x";
set :upper :lowerfirst "v7" "x";
set :lower :upperfirst "v8" "x";
set :length :quotewildcard "v9" "x";
set :upperfirst :quotewildcard "v10" "x";
set :lower :length "v11" "x";
fileinto "m0:[${v0}][${v1}][${v2}][${v3}]";
fileinto "m4:[${v4}][${v5}][${v6}][${v7}]";
fileinto "m8:[${v8}][${v9}][${v10}][${v11}]";
