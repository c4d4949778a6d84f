# messages: plain.eml
require ["variables", "fileinto"];
set  "v0" "a*b?c\\d";
set :lower "v1" "a*b?c\\d";
set :upper "v2" "a*b?c\\d";
set :lowerfirst "v3" "a*b?c\\d";
set :upperfirst "v4" "a*b?c\\d";
set :quotewildcard "v5" "a*b?c\\d";
set :length "v6" "a*b?c\\d";
set :upper :lowerfirst "v7" "a*b?c\\d";
set :lower :upperfirst "v8" "a*b?c\\d";
set :length :quotewildcard "v9" "a*b?c\\d";
set :upperfirst :quotewildcard "v10" "a*b?c\\d";
set :lower :length "v11" "a*b?c\\d";
fileinto "m0:[${v0}][${v1}][${v2}][${v3}]";
fileinto "m4:[${v4}][${v5}][${v6}][${v7}]";
fileinto "m8:[${v8}][${v9}][${v10}][${v11}]";
