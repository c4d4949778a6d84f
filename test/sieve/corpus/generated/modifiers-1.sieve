# messages: plain.eml
require ["variables", "fileinto"];
set  "v0" "ünïcödé Straße";
set :lower "v1" "ünïcödé Straße";
set :upper "v2" "ünïcödé Straße";
set :lowerfirst "v3" "ünïcödé Straße";
set :upperfirst "v4" "ünïcödé Straße";
set :quotewildcard "v5" "ünïcödé Straße";
set :length "v6" "ünïcödé Straße";
set :upper :lowerfirst "v7" "ünïcödé Straße";
set :lower :upperfirst "v8" "ünïcödé Straße";
set :length :quotewildcard "v9" "ünïcödé Straße";
set :upperfirst :quotewildcard "v10" "ünïcödé Straße";
set :lower :length "v11" "ünïcödé Straße";
fileinto "m0:[${v0}][${v1}][${v2}][${v3}]";
fileinto "m4:[${v4}][${v5}][${v6}][${v7}]";
fileinto "m8:[${v8}][${v9}][${v10}][${v11}]";
